"""Builders for papers (factory-boy) and the real files the upload checks are tried on."""

import io
import zipfile

import factory
from django.core.files.base import ContentFile
from django.utils import timezone

from papers.models import Extraction, Paper, PaperKind
from papers.pdf import text_pdf
from tests.factories import LocalAuthorityFactory


def pdf_bytes(*lines, pages=1):
    """A real PDF made with pypdf, its text on `pages` pages."""
    return text_pdf("Test paper", [list(lines) or ["A test paper."]] * pages)


def zip_bytes(entries, compression=zipfile.ZIP_DEFLATED):
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", compression) as archive:
        for name, content in entries:
            archive.writestr(name, content)
    return output.getvalue()


CONTENT_TYPES = b'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'


def docx_bytes():
    return zip_bytes(
        [
            ("[Content_Types].xml", CONTENT_TYPES),
            ("_rels/.rels", b"<Relationships/>"),
            ("word/document.xml", b"<w:document/>"),
        ]
    )


def xlsx_bytes():
    return zip_bytes(
        [
            ("[Content_Types].xml", CONTENT_TYPES),
            ("xl/workbook.xml", b"<workbook/>"),
            ("xl/worksheets/sheet1.xml", b"<x/>"),
        ]
    )


def odt_bytes():
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w") as archive:
        # The OpenDocument rule: "mimetype" first, stored uncompressed.
        archive.writestr(
            "mimetype", b"application/vnd.oasis.opendocument.text", compress_type=zipfile.ZIP_STORED
        )
        archive.writestr("content.xml", b"<office:document-content/>")
        archive.writestr("META-INF/manifest.xml", b"<manifest/>")
    return output.getvalue()


class PaperFactory(factory.django.DjangoModelFactory):
    """A paper with a link; `pdf=` bytes (or True) gives it an uploaded, read PDF instead."""

    class Meta:
        model = Paper
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Test paper {n}")
    slug = factory.Sequence(lambda n: f"test-paper-{n}")
    kind = PaperKind.RESEARCH
    publisher = factory.SubFactory(LocalAuthorityFactory)
    published_on = factory.LazyFunction(timezone.localdate)
    summary = "A fictional paper for tests."
    external_url = factory.Sequence(lambda n: f"https://www.example.org/paper-{n}")
    last_reviewed_on = factory.LazyFunction(timezone.localdate)

    @factory.post_generation
    def pdf(self, create, extracted, **kwargs):
        if not (create and extracted):
            return
        from papers.tasks import extract_now

        content = pdf_bytes() if extracted is True else extracted
        self.external_url = ""
        self.file_format, self.file_size = "pdf", len(content)
        self.extraction = Extraction.PENDING
        self.file.save("upload.pdf", ContentFile(content), save=False)
        self.save()
        extract_now(self)

    @factory.post_generation
    def topics(self, create, extracted, **kwargs):
        if create and extracted:
            self.topics.add(*extracted)
