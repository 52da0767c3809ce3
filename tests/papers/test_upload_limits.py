"""Uploads cost the server no more than they are allowed to: an archive's parts are read with
a hard cap on the bytes actually unpacked (never trusting the sizes it declares), with the
kinds of compression documents use; a file over the largest upload is refused with a clear
message and never kept whole on disk, whatever its request says."""

import io
import os
import struct
import tracemalloc
import zipfile
import zlib

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import RequestFactory
from django.urls import reverse

from papers.models import Paper
from papers.uploads import ODT_MIMETYPE, identify
from tests.factories import PartnerEditorFactory
from tests.londonconnects.html import elements, text_of

from .factories import pdf_bytes

pytestmark = pytest.mark.django_db

BOMB_BYTES = 64 * 1024 * 1024


def lying_odt(compression):
    """An ODT whose "mimetype" part says it holds the 39 bytes of the mimetype (and has
    their checksum) but unpacks to 64 MB: zipfile stops at the declared size only after
    unpacking everything it was handed."""
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w") as archive:
        archive.writestr("mimetype", ODT_MIMETYPE + b" " * BOMB_BYTES, compress_type=compression)
        archive.writestr("content.xml", b"<office:document-content/>")
    data = bytearray(output.getvalue())
    crc, size = zlib.crc32(ODT_MIMETYPE), len(ODT_MIMETYPE)
    local = data.index(b"PK\x03\x04")
    struct.pack_into("<I", data, local + 14, crc)
    struct.pack_into("<I", data, local + 22, size)
    central = data.index(b"PK\x01\x02")
    struct.pack_into("<I", data, central + 16, crc)
    struct.pack_into("<I", data, central + 24, size)
    return bytes(data)


def peak_memory_of(function, *args):
    tracemalloc.start()
    try:
        try:
            outcome = function(*args)
        except ValidationError as error:
            outcome = error
        return outcome, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


@pytest.mark.parametrize("compression", [zipfile.ZIP_BZIP2, zipfile.ZIP_LZMA])
def test_an_archive_compressed_as_documents_never_are_is_refused_unread(compression):
    content = lying_odt(compression)
    assert len(content) < 64 * 1024
    outcome, peak = peak_memory_of(
        identify, SimpleUploadedFile("paper.odt", content, "application/octet-stream")
    )
    assert isinstance(outcome, ValidationError)
    assert "compressed in a way documents are not" in outcome.messages[0]
    assert peak < 4 * 1024 * 1024


def test_a_part_is_read_with_a_cap_on_the_bytes_unpacked_not_its_declared_size():
    content = lying_odt(zipfile.ZIP_DEFLATED)
    _, peak = peak_memory_of(
        identify, SimpleUploadedFile("paper.odt", content, "application/octet-stream")
    )
    assert peak < 4 * 1024 * 1024  # unpacking all 64 MB would take far more


def multipart_request(name, content):
    return RequestFactory().post(
        "/", {"file": SimpleUploadedFile(name, content, "application/pdf")}
    )


def test_an_oversize_file_is_never_kept_whole_on_disk(settings, tmp_path):
    settings.MAX_UPLOAD_MB = 1
    settings.FILE_UPLOAD_TEMP_DIR = str(tmp_path)
    content = b"%PDF-1.4\n" + b"0" * (3 * 1024 * 1024)
    upload = multipart_request("big.pdf", content).FILES["file"]
    assert upload.size == len(content)  # its real size, for the form to refuse it by
    assert os.path.getsize(upload.temporary_file_path()) <= 1024 * 1024 + 64 * 1024
    with pytest.raises(ValidationError) as caught:
        identify(upload)
    assert "is larger than 1 MB, the largest file you can upload" in caught.value.messages[0]


def test_a_file_within_the_limit_arrives_whole(settings, tmp_path):
    settings.FILE_UPLOAD_TEMP_DIR = str(tmp_path)
    content = pdf_bytes("A small paper.") + b"%" + b"0" * (3 * 1024 * 1024)
    upload = multipart_request("paper.pdf", content).FILES["file"]
    assert upload.size == len(content) and upload.read() == content
    assert identify(upload) == ("pdf", len(content))


def test_the_admin_explains_the_largest_upload_and_keeps_the_rest(
    client, admin_login, org, settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.MAX_UPLOAD_MB = 1
    settings.MEDIA_ROOT = str(tmp_path / "media")
    admin_login(client, PartnerEditorFactory(organisations=[org("camden")]))
    add = reverse("admin:papers_paper_add")
    assert "up to 1 MB" in text_of(client.get(add).text)
    data = {
        "title": "Camden IT strategy 2005",
        "slug": "camden-it-strategy-2005",
        "kind": "strategy",
        "summary": "Our plan.",
        "publisher": org("camden").pk,
        "published_on": "2005-04-01",
        "file": SimpleUploadedFile(
            "strategy.pdf", b"%PDF-1.4\n" + b"0" * (2 * 1024 * 1024), "application/pdf"
        ),
        "external_url": "",
        "last_reviewed_on": "2026-01-01",
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(add, data)
    assert response.status_code == 200
    assert "“strategy.pdf” is larger than 1 MB, the largest file you can upload" in text_of(
        response.text
    )
    assert elements(response.text, "input", name="title", value="Camden IT strategy 2005")
    assert not Paper.objects.exists()
    assert not (tmp_path / "media" / "papers").exists() or not any(
        (tmp_path / "media" / "papers").iterdir()
    )
