"""A paper's uploaded file leaves the disk when it is replaced, cleared or its paper deleted
(after the commit, so a rolled-back change loses nothing), and reverting to an old version in
the history never brings back a file that is gone: the current file (or none) is kept, and
the page says so. Real files, in a MEDIA_ROOT of the test's own."""

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.urls import reverse

from papers.models import Extraction, Paper
from tests.factories import PartnerEditorFactory
from tests.londonconnects.html import text_of

from .factories import PaperFactory, docx_bytes, pdf_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    return Path(settings.MEDIA_ROOT)


@pytest.fixture
def camden_editor(client, admin_login, org):
    admin_login(client, PartnerEditorFactory(organisations=[org("camden")]))
    return client


def files_in(media):
    folder = media / "papers"
    return sorted(path.name for path in folder.iterdir()) if folder.exists() else []


def change(client, paper, captured, **fields):
    data = {
        "title": paper.title,
        "slug": paper.slug,
        "kind": paper.kind,
        "summary": paper.summary,
        "is_published": "on",
        "publisher": paper.publisher_id,
        "group": "",
        "published_on": paper.published_on.isoformat(),
        "external_url": paper.external_url,
        "related_projects": [],
        "topics": "e-government",
        "last_reviewed_on": "2026-01-01",
        **fields,
    }
    with captured(execute=True):
        return client.post(reverse("admin:papers_paper_change", args=[paper.pk]), data)


def test_a_replaced_file_is_deleted_after_the_commit(
    camden_editor, org, media, django_capture_on_commit_callbacks
):
    paper = PaperFactory(publisher=org("camden"), pdf=pdf_bytes("First version."))
    first = Path(paper.file.path)
    assert files_in(media) == [first.name]

    response = change(camden_editor, paper, django_capture_on_commit_callbacks,
                      file=SimpleUploadedFile("v2.pdf", pdf_bytes("Second version.")))  # fmt: skip
    assert response.status_code == 302
    paper.refresh_from_db()
    assert not first.exists()
    assert files_in(media) == [Path(paper.file.name).name]
    assert "Second version." in paper.extracted_text


def test_a_cleared_file_is_deleted(camden_editor, org, media, django_capture_on_commit_callbacks):
    paper = PaperFactory(publisher=org("camden"), pdf=True)
    cleared = {"file-clear": "on", "external_url": "https://example.org/p.pdf"}
    response = change(camden_editor, paper, django_capture_on_commit_callbacks, **cleared)
    assert response.status_code == 302
    assert files_in(media) == []


def test_a_deleted_papers_file_is_deleted(
    camden_editor, org, media, django_capture_on_commit_callbacks
):
    paper = PaperFactory(publisher=org("camden"), pdf=True)
    kept = PaperFactory(publisher=org("camden"), pdf=True)
    with django_capture_on_commit_callbacks(execute=True):
        response = camden_editor.post(
            reverse("admin:papers_paper_delete", args=[paper.pk]), {"post": "yes"}
        )
    assert response.status_code == 302
    assert files_in(media) == [Path(kept.file.name).name]


def test_papers_deleted_together_lose_their_files(
    camden_editor, org, media, django_capture_on_commit_callbacks
):
    papers = [PaperFactory(publisher=org("camden"), pdf=True) for _ in range(2)]
    with django_capture_on_commit_callbacks(execute=True):
        camden_editor.post(
            reverse("admin:papers_paper_changelist"),
            {"action": "delete_selected", "_selected_action": [p.pk for p in papers],
             "post": "yes"},
        )  # fmt: skip
    assert not Paper.objects.exists() and files_in(media) == []


def test_a_change_rolled_back_keeps_the_file(org, media):
    paper = PaperFactory(publisher=org("camden"), pdf=True)
    name = paper.file.name
    with pytest.raises(RuntimeError), transaction.atomic():
        Paper.objects.get(pk=paper.pk).delete()
        raise RuntimeError("the request failed after the delete")
    assert Paper.objects.filter(pk=paper.pk).exists()
    assert files_in(media) == [Path(name).name]


def revert_url(paper, version):
    return reverse("admin:papers_paper_simple_history", args=[paper.pk, version.history_id])


def test_reverting_to_a_version_whose_file_is_gone_keeps_the_current_file(
    camden_editor, org, media, django_capture_on_commit_callbacks
):
    paper = PaperFactory(title="Strategy", publisher=org("camden"), pdf=pdf_bytes("Old."))
    old_version = paper.history.latest()
    old_name = paper.file.name
    change(camden_editor, paper, django_capture_on_commit_callbacks,
           file=SimpleUploadedFile("new.docx", docx_bytes()))  # fmt: skip
    paper.refresh_from_db()
    current = paper.file.name
    assert paper.file_format == "docx" and not (media / old_name).exists()

    history = camden_editor.get(reverse("admin:papers_paper_history", args=[paper.pk]))
    assert history.status_code == 200
    page = camden_editor.get(revert_url(paper, old_version))
    assert page.status_code == 200
    notice = "The file of that version has been deleted, so the current file is kept"
    assert notice in text_of(page.text)

    response = camden_editor.post(revert_url(paper, old_version), {
        "title": "Strategy", "slug": paper.slug, "kind": paper.kind, "summary": "Reverted.",
        "is_published": "on", "publisher": paper.publisher_id, "group": "",
        "published_on": paper.published_on.isoformat(), "external_url": "",
        "related_projects": [], "topics": "e-government", "last_reviewed_on": "2026-01-01",
    }, follow=True)  # fmt: skip
    assert response.status_code == 200
    assert notice in text_of(response.text)
    paper.refresh_from_db()
    assert paper.summary == "Reverted."
    assert paper.file.name == current and (media / current).exists()
    assert paper.file_format == "docx" and paper.extraction == Extraction.NOT_NEEDED
    assert files_in(media) == [Path(current).name]


def test_reverting_when_no_file_is_left_offers_none_and_asks_for_one(
    camden_editor, org, media, django_capture_on_commit_callbacks
):
    paper = PaperFactory(title="Strategy", publisher=org("camden"), pdf=True)
    old_version = paper.history.latest()
    change(camden_editor, paper, django_capture_on_commit_callbacks,
           **{"file-clear": "on", "external_url": "https://example.org/s.pdf"})  # fmt: skip
    assert files_in(media) == []

    response = camden_editor.post(revert_url(paper, old_version), {
        "title": "Strategy", "slug": paper.slug, "kind": paper.kind, "summary": "Back.",
        "is_published": "on", "publisher": paper.publisher_id, "group": "",
        "published_on": paper.published_on.isoformat(), "external_url": "",
        "related_projects": [], "topics": "e-government", "last_reviewed_on": "2026-01-01",
    })  # fmt: skip
    assert response.status_code == 200
    text = text_of(response.text)
    assert "The file of that version has been deleted and this paper has no file now" in text
    assert "Upload the paper, or give the link to it: one or the other." in text
    paper.refresh_from_db()
    assert not paper.file and paper.external_url == "https://example.org/s.pdf"
