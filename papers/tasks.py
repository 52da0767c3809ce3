"""Reading the text out of uploaded PDFs for search, in the background.

The outcome is kept on the paper (extracted, or failed with the reason) and shown in admin,
where an editor can ask for it to be tried again; a PDF that cannot be read is never
silently skipped."""

import logging

from celery import shared_task
from django.db import transaction
from django.utils import timezone
from pypdf import PdfReader
from pypdf.errors import PdfReadError

from .models import Extraction, Paper

logger = logging.getLogger(__name__)

# Enough for any paper's search document; a longer text is cut here.
MAX_TEXT_CHARACTERS = 1_000_000


def read_pdf(path) -> tuple[str, int]:
    """The text and page count of a PDF, or PdfReadError/ValueError saying why not."""
    reader = PdfReader(path)
    if reader.is_encrypted:
        try:
            reader.decrypt("")
        except Exception as error:
            raise ValueError("The PDF is protected by a password.") from error
        if not reader.pages:
            raise ValueError("The PDF is protected by a password.")
    texts, total = [], 0
    for page in reader.pages:
        text = page.extract_text() or ""
        texts.append(text)
        total += len(text)
        if total > MAX_TEXT_CHARACTERS:
            break
    text = "\n\n".join(texts).strip()[:MAX_TEXT_CHARACTERS]
    if not text:
        raise ValueError(
            "No text was found: the PDF may be scanned pages (pictures of text). "
            "Upload a version with a text layer, so that search can find it."
        )
    return text, len(reader.pages)


def extract_now(paper):
    """Read `paper`'s PDF and record the outcome on it (saved: search sees the text)."""
    paper.extracted_at = timezone.now()
    try:
        with paper.file.open("rb") as handle:
            text, pages = read_pdf(handle)
    except FileNotFoundError:
        paper.extraction, paper.extraction_error = Extraction.FAILED, "The file is missing."
        paper.extracted_text = ""
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as error:
        reason = str(error) if isinstance(error, ValueError) else f"pypdf: {error}"
        paper.extraction, paper.extraction_error = Extraction.FAILED, reason[:300]
        paper.extracted_text = ""
        logger.warning("Could not read the text of paper %s: %s", paper.pk, reason)
    else:
        paper.extraction, paper.extraction_error = Extraction.EXTRACTED, ""
        paper.extracted_text, paper.page_count = text, pages
    paper.save(
        update_fields=[
            "extraction",
            "extraction_error",
            "extracted_text",
            "extracted_at",
            "page_count",
            "updated_at",
        ]
    )
    return paper.extraction


@shared_task(acks_late=True)
def extract_paper_text(paper_pk):
    """Idempotent: reads the paper's current file; a paper gone or no longer a PDF is left."""
    paper = Paper.objects.filter(pk=paper_pk, file_format="pdf").exclude(file="").first()
    if paper is None:
        return None
    return extract_now(paper)


def queue_extraction(paper):
    """Mark the paper as waiting and read it after the commit."""
    Paper.objects.filter(pk=paper.pk).update(
        extraction=Extraction.PENDING, extraction_error="", extracted_text=""
    )
    paper.extraction = Extraction.PENDING
    pk = paper.pk
    transaction.on_commit(lambda: extract_paper_text.delay(pk))
