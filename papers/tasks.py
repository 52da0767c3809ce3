"""Reading the text out of uploaded PDFs for search, in the background.

The outcome is kept on the paper (extracted, or failed with the reason) and shown in admin,
where an editor can ask for it to be tried again; a PDF that cannot be read is never
silently skipped. Reading has limits: PAPERS_PDF_MAX_PAGES pages and MAX_TEXT_CHARACTERS
characters (what they leave out is said on the paper), and the task's time limits, after
which the paper is marked as not read and why."""

import logging

from celery import Task, shared_task
from celery.exceptions import SoftTimeLimitExceeded, TimeLimitExceeded
from django.conf import settings
from django.db import transaction
from django.utils import timezone
from pypdf import PdfReader
from pypdf.errors import PdfReadError

from .models import Extraction, Paper

logger = logging.getLogger(__name__)

# Enough for any paper's search document; a longer text is cut here.
MAX_TEXT_CHARACTERS = 1_000_000


def read_pdf(path) -> tuple[str, int, str]:
    """The text, page count and a note of what was left unread (or "") of a PDF, or
    PdfReadError/ValueError saying why not."""
    reader = PdfReader(path)
    if reader.is_encrypted:
        try:
            reader.decrypt("")
        except Exception as error:
            raise ValueError("The PDF is protected by a password.") from error
        if not reader.pages:
            raise ValueError("The PDF is protected by a password.")
    page_count, max_pages = len(reader.pages), settings.PAPERS_PDF_MAX_PAGES
    texts, total, read = [], 0, 0
    for page in reader.pages[:max_pages]:
        text = page.extract_text() or ""
        texts.append(text)
        read += 1
        total += len(text)
        if total > MAX_TEXT_CHARACTERS:
            break
    text = "\n\n".join(texts).strip()[:MAX_TEXT_CHARACTERS]
    if not text:
        raise ValueError(
            "No text was found: the PDF may be scanned pages (pictures of text). "
            "Upload a version with a text layer, so that search can find it."
        )
    note = ""
    if read < page_count:
        note = f"Text extracted from the first {read} of {page_count} pages only."
    return text, page_count, note


def extract_now(paper):
    """Read `paper`'s PDF and record the outcome on it (saved: search sees the text)."""
    paper.extracted_at = timezone.now()
    try:
        with paper.file.open("rb") as handle:
            text, pages, note = read_pdf(handle)
    except FileNotFoundError:
        paper.extraction, paper.extraction_error = Extraction.FAILED, "The file is missing."
        paper.extracted_text = ""
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as error:
        reason = str(error) if isinstance(error, ValueError) else f"pypdf: {error}"
        paper.extraction, paper.extraction_error = Extraction.FAILED, reason[:300]
        paper.extracted_text = ""
        logger.warning("Could not read the text of paper %s: %s", paper.pk, reason)
    else:
        paper.extraction, paper.extraction_error = Extraction.EXTRACTED, note
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


class ReadsPaperText(Task):
    """A reading that ends in an exception (a time limit, or pypdf failing in a way
    extract_now does not expect) marks the paper as not read, with the reason."""

    def on_failure(self, exc, task_id, args, kwargs, einfo):
        if isinstance(exc, SoftTimeLimitExceeded | TimeLimitExceeded):
            limit = _limit_reached(exc, self.request, self.soft_time_limit)
            reason = (
                f"Reading the text took longer than {limit} second{'s' if limit != 1 else ''}"
                " and was stopped: the PDF may be very long or unusual. Upload a simpler "
                "version, or choose “Read the text of the PDF again” later."
            )
        else:
            reason = f"The text could not be read: {type(exc).__name__}: {exc}"
        logger.warning("Could not read the text of paper %s: %s", args[0], reason)
        Paper.objects.filter(pk=args[0]).update(
            extraction=Extraction.FAILED,
            extraction_error=reason[:300],
            extracted_text="",
            extracted_at=timezone.now(),
        )


def _limit_reached(exc, request, default):
    """The limit, in seconds, that stopped the task: a hard limit carries it; a soft one is
    the request's (its sender's setting), which the task defaults to."""
    if isinstance(exc, TimeLimitExceeded) and exc.args:
        return round(float(exc.args[0]))
    soft = (getattr(request, "timelimit", None) or (None, None))[1]
    return round(float(soft or default))


@shared_task(
    base=ReadsPaperText,
    acks_late=True,
    soft_time_limit=settings.PAPERS_PDF_SOFT_TIME_LIMIT,
    time_limit=settings.PAPERS_PDF_TIME_LIMIT,
)
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
