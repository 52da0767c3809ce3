"""Uploads are judged by their bytes: real PDF, Word, Excel, OpenDocument and CSV files pass;
a renamed program, an old-style .doc, a zip bomb, an archive with too many parts and an
oversize file are refused with a message that says why."""

import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from papers import uploads
from papers.uploads import identify, size_in_words

from .factories import docx_bytes, odt_bytes, pdf_bytes, xlsx_bytes, zip_bytes


def upload(name, content):
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("strategy.pdf", pdf_bytes("Our strategy"), "pdf"),
        # The name does not matter, only the bytes.
        ("strategy.docx", pdf_bytes("Our strategy"), "pdf"),
        ("minutes.docx", docx_bytes(), "docx"),
        ("budget.xlsx", xlsx_bytes(), "xlsx"),
        ("paper.odt", odt_bytes(), "odt"),
        ("survey.csv", b"Borough,Take-up\nNewham,12%\nCamden,9%\n", "csv"),
        ("survey.csv", "\ufeffBorough,Café\r\nHackney,Yes\r\n".encode(), "csv"),
        ("survey.csv", "Borough,£\nHaringey,5\n".encode("cp1252"), "csv"),
    ],
)
def test_real_documents_are_accepted(name, content, expected):
    assert identify(upload(name, content)) == (expected, len(content))


def refusal(name, content):
    with pytest.raises(ValidationError) as caught:
        identify(upload(name, content))
    return caught.value.messages[0]


def test_a_renamed_program_is_refused_with_a_clear_message():
    program = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + bytes(range(256)) * 8
    message = refusal("annual-review.pdf", program)
    assert message == (
        "“annual-review.pdf” is not a PDF, Word (DOCX), Excel (XLSX), OpenDocument text (ODT) "
        "or CSV file. It looks like a program, which cannot be uploaded."
    )


def test_other_files_are_refused_with_the_reason():
    assert "old-style Word or Excel" in refusal(
        "old.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600
    )
    assert "looks like a picture" in refusal("photo.pdf", b"\x89PNG\r\n\x1a\n" + b"\0" * 100)
    assert "is a zip archive, not a document" in refusal("a.docx", zip_bytes([("a.txt", b"hi")]))
    assert "Office file of a kind" in refusal(
        "slides.docx",
        zip_bytes([("[Content_Types].xml", b"<T/>"), ("ppt/presentation.xml", b"<p/>")]),
    )
    assert "damaged archive" in refusal("broken.docx", b"PK\x03\x04" + b"\0" * 50)
    assert "is empty" in refusal("empty.csv", b"")


def test_a_zip_bomb_is_refused_by_its_unpacked_size():
    # 120 MB of zeros squeezed into about 120 KB, dressed as a Word file.
    bomb = zip_bytes(
        [("[Content_Types].xml", b"<T/>"), ("word/document.xml", b"\0" * (120 * 1024 * 1024))]
    )
    assert len(bomb) < 1024 * 1024
    message = refusal("innocent.docx", bomb)
    assert "would unpack to 120.0 MB" in message and "zip bomb" in message


def test_a_zip_bomb_is_refused_by_its_compression_ratio():
    bomb = zip_bytes(
        [("[Content_Types].xml", b"<T/>"), ("word/document.xml", b"\0" * (20 * 1024 * 1024))]
    )
    assert "compressed far more than a document can be" in refusal("small.docx", bomb)


def test_an_archive_with_too_many_parts_is_refused(monkeypatch):
    many = zip_bytes([(f"part{n}.xml", b"") for n in range(2001)], compression=zipfile.ZIP_STORED)
    assert "holds 2,001 parts; at most 2,000 are allowed" in refusal("many.xlsx", many)


def test_an_oversize_file_is_refused_before_it_is_read():
    big = SimpleUploadedFile(
        "big.pdf", b"%PDF-1.4\n" + b"0" * (20 * 1024 * 1024), "application/pdf"
    )
    with pytest.raises(ValidationError) as caught:
        identify(big)
    assert caught.value.messages == [
        "“big.pdf” is larger than 20 MB, the largest file you can upload. Make it smaller (for "
        "example, save a PDF with smaller pictures) or link to it instead."
    ]
    assert uploads.max_upload_bytes() == 20 * 1024 * 1024  # the default, MAX_UPLOAD_MB


@pytest.mark.parametrize(
    ("size", "words"),
    [(1, "1 byte"), (512, "512 bytes"), (245 * 1024, "245 KB"), (1258291, "1.2 MB")],
)
def test_sizes_in_words(size, words):
    assert size_in_words(size) == words
