"""Reading a PDF's text has limits, and what they cut is said in admin as failures are: at
most PAPERS_PDF_MAX_PAGES pages are read, and a worker stops reading at the soft time limit
(and is stopped at the hard one), the paper then marked as not read and why.

The time limits are the worker pool's (prefork; the solo pool has none), so those tests run a
real prefork worker on PostgreSQL and Redis and are skipped without them."""

import io
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.urls import reverse
from pypdf import PdfWriter
from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject

from papers.models import Extraction, Paper
from papers.pdf import text_pdf
from papers.tasks import extract_now, extract_paper_text
from tests.factories import SuperUserFactory
from tests.londonconnects.html import text_of
from tests.workers import CeleryWorkers, tasks_through_the_broker

from .factories import PaperFactory


def slow_pdf(operations=300_000):
    """One page of a great many tiny text operations: pypdf takes many seconds over it."""
    writer = PdfWriter()
    page = writer.add_blank_page(595, 842)
    font = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Font"),
            NameObject("/Subtype"): NameObject("/Type1"),
            NameObject("/BaseFont"): NameObject("/Helvetica"),
        }
    )
    page[NameObject("/Resources")] = DictionaryObject(
        {NameObject("/Font"): DictionaryObject({NameObject("/F1"): font})}
    )
    stream = DecodedStreamObject()
    stream.set_data(b"BT /F1 11 Tf " + b"(ab) Tj 1 0 Td " * operations + b"ET")
    page[NameObject("/Contents")] = writer._add_object(stream)
    output = io.BytesIO()
    writer.write(output)
    return output.getvalue()


@pytest.mark.django_db
def test_only_the_first_pages_are_read_and_admin_says_so(client, admin_login, org, settings,
                                                          tmp_path):  # fmt: skip
    settings.MEDIA_ROOT = str(tmp_path / "media")
    settings.PAPERS_PDF_MAX_PAGES = 3
    pages = [[f"Chapter {n} is about kiosk{n}."] for n in range(1, 6)]
    paper = PaperFactory(publisher=org("camden"), pdf=text_pdf("Long paper", pages))
    paper.refresh_from_db()
    assert paper.extraction == Extraction.EXTRACTED and paper.page_count == 5
    assert "kiosk3" in paper.extracted_text and "kiosk4" not in paper.extracted_text
    admin_login(client, SuperUserFactory())
    listing = text_of(client.get(reverse("admin:papers_paper_changelist")).text)
    assert "Text extracted from the first 3 of 5 pages" in listing


def prefork_worker(queue, **environ):
    """A real worker with the prefork pool, which enforces time limits, on its own queue."""
    env = CeleryWorkers(queue, settings_module="tests.papers.worker_settings", **environ).env
    celery = Path(sys.executable).with_name("celery")
    return subprocess.Popen(  # noqa: S603 (our own worker, fixed arguments)
        [
            str(celery),
            "-A",
            "londonconnects",
            "worker",
            "-Q",
            queue,
            "--pool=prefork",
            "--concurrency=1",
            "--without-gossip",
            "--without-mingle",
            "--without-heartbeat",
            "-n",
            f"test-{queue}@%h",
            "-l",
            "warning",
        ],  # fmt: skip
        cwd=settings.BASE_DIR,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )


@pytest.fixture
def worker(tmp_path, settings):
    """A prefork worker on a queue of its own, sharing this test's MEDIA_ROOT; stopped after
    the test."""
    settings.MEDIA_ROOT = str(tmp_path / "media")
    started = []

    def start(**environ):
        queue = f"papers-{uuid.uuid4().hex[:8]}"
        process = prefork_worker(
            queue, PAPERS_TEST_QUEUE=queue, MEDIA_ROOT=settings.MEDIA_ROOT, **environ
        )
        started.append(process)
        return queue, process

    with tasks_through_the_broker():
        yield start
    for process in started:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()


def slow_paper(org):
    paper = PaperFactory(publisher=org("camden"))
    paper.external_url, paper.file_format = "", "pdf"
    paper.extraction = Extraction.PENDING
    paper.file.save("slow.pdf", ContentFile(slow_pdf()), save=False)
    paper.save()
    return paper


def test_the_task_carries_the_time_limits_of_the_settings():
    """A task message carries its sender's limits (Celery), which the worker then keeps to."""
    assert extract_paper_text.soft_time_limit == settings.PAPERS_PDF_SOFT_TIME_LIMIT == 120
    assert extract_paper_text.time_limit == settings.PAPERS_PDF_TIME_LIMIT == 150


def outcome_after_reading(paper, queue, process, soft=None, hard=None, within=90):
    """Send the paper to the worker, as queue_extraction does, with these time limits in
    place of the settings' (so that the test need not wait two minutes)."""
    extract_paper_text.apply_async((paper.pk,), queue=queue, soft_time_limit=soft, time_limit=hard)
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        assert process.poll() is None, process.stdout.read().decode()
        paper.refresh_from_db()
        if paper.extraction != Extraction.PENDING:
            return paper
        time.sleep(0.25)
    raise AssertionError("the worker did not finish with the paper in time")


@pytest.mark.django_db(transaction=True)
def test_a_pdf_read_past_the_soft_time_limit_is_stopped_and_marked(org, worker):
    queue, process = worker()
    started = time.monotonic()
    paper = outcome_after_reading(slow_paper(org), queue, process, soft=1, hard=30)
    assert paper.extraction == Extraction.FAILED
    assert "took longer than 1 second" in paper.extraction_error
    assert time.monotonic() - started < 15


@pytest.mark.django_db(transaction=True)
def test_a_pdf_read_past_the_hard_time_limit_is_marked_when_the_worker_is_stopped(org, worker):
    # Celery starts the hard limit's clock at the soft limit; with no soft limit, the hard
    # one ends the worker process as it would a reading stuck where no signal reaches it.
    queue, process = worker(PAPERS_PDF_SOFT_TIME_LIMIT="0")
    paper = outcome_after_reading(slow_paper(org), queue, process, hard=2)
    assert paper.extraction == Extraction.FAILED
    assert "took longer than 2 seconds" in paper.extraction_error
    # The worker carries on with the next paper.
    quick = PaperFactory(publisher=org("camden"), pdf=True)
    quick.extraction = Extraction.PENDING
    quick.save()
    assert outcome_after_reading(quick, queue, process).extraction == Extraction.EXTRACTED


@pytest.mark.django_db
def test_reading_in_the_web_process_keeps_the_page_limit(org, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    settings.PAPERS_PDF_MAX_PAGES = 1
    paper = PaperFactory(publisher=org("camden"), pdf=text_pdf("Two", [["one"], ["two"]]))
    assert extract_now(Paper.objects.get(pk=paper.pk)) == Extraction.EXTRACTED
    paper.refresh_from_db()
    assert "two" not in paper.extracted_text
    assert paper.extraction_error == "Text extracted from the first 1 of 2 pages only."
