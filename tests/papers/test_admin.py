"""Papers in admin: uploads checked by their bytes with the reason shown, the text of a PDF
read in the background with the outcome (read, or not and why) shown and retried, and
partner editors kept to their own organisations' papers."""

import io

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from pypdf import PdfWriter

from papers.models import Extraction, Paper
from tests.factories import GroupFactory, PartnerEditorFactory
from tests.londonconnects.html import elements, text_of

from .factories import PaperFactory, docx_bytes, pdf_bytes

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:papers_paper_changelist")
ADD = reverse("admin:papers_paper_add")


@pytest.fixture
def camden_editor(client, admin_login, org):
    admin_login(client, PartnerEditorFactory(organisations=[org("camden")]))
    return client


def blank_pdf():
    """A real PDF with no text layer, like a scan."""
    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    output = io.BytesIO()
    writer.write(output)
    return output.getvalue()


def post_paper(client, org, filename, content, captured, **changes):
    data = {
        "title": "Camden IT strategy 2005",
        "slug": "camden-it-strategy-2005",
        "kind": "strategy",
        "summary": "Our plan.",
        "is_published": "on",
        "publisher": org("camden").pk,
        "group": "",
        "published_on": "2005-04-01",
        "file": SimpleUploadedFile(filename, content, "application/pdf"),
        "external_url": "",
        "related_projects": [],
        "topics": ["e-government"],
        "last_reviewed_on": "2026-01-01",
        **changes,
    }
    with captured(execute=True):
        return client.post(ADD, data, follow=True)


def test_an_uploaded_pdf_is_read_for_search(camden_editor, org, django_capture_on_commit_callbacks):
    content = pdf_bytes("A single front door for every Camden service.", pages=2)
    response = post_paper(camden_editor, org, "../../etc/Strategy FINAL.pdf", content,
                          django_capture_on_commit_callbacks)  # fmt: skip
    assert response.status_code == 200
    paper = Paper.objects.get(slug="camden-it-strategy-2005")
    assert paper.file.name.startswith("papers/") and "Strategy" not in paper.file.name
    assert (paper.file_format, paper.file_size, paper.page_count) == ("pdf", len(content), 2)
    assert paper.extraction == Extraction.EXTRACTED
    assert "single front door for every Camden service" in paper.extracted_text
    listing = text_of(camden_editor.get(CHANGELIST).text)
    assert "Text extracted" in listing and "PDF" in listing


def test_a_pdf_that_cannot_be_read_is_reported_not_skipped(
    camden_editor, org, django_capture_on_commit_callbacks
):
    response = post_paper(camden_editor, org, "scan.pdf", blank_pdf(),
                          django_capture_on_commit_callbacks)  # fmt: skip
    paper = Paper.objects.get(slug="camden-it-strategy-2005")
    assert paper.extraction == Extraction.FAILED
    assert "No text was found" in paper.extraction_error
    # Said in the list and on the paper's own admin page.
    assert response.status_code == 200
    listing = camden_editor.get(CHANGELIST + "?extraction__exact=failed").text
    assert "Could not be read:" in listing and "No text was found" in listing
    change = camden_editor.get(reverse("admin:papers_paper_change", args=[paper.pk])).text
    assert "could not be read, so search will not find words inside it" in change
    assert "No text was found" in change

    # A broken file says what pypdf found.
    paper.file.save("x.pdf", ContentFile(b"%PDF-1.4 garbage"))
    with django_capture_on_commit_callbacks(execute=True):
        camden_editor.post(CHANGELIST, {"action": "extract_text_again",
                                        "_selected_action": [paper.pk]})  # fmt: skip
    paper.refresh_from_db()
    assert paper.extraction == Extraction.FAILED and paper.extraction_error.startswith("pypdf:")


def test_retrying_reads_a_replaced_file(camden_editor, org, django_capture_on_commit_callbacks):
    paper = PaperFactory(publisher=org("camden"), pdf=blank_pdf())
    assert paper.extraction == Extraction.FAILED
    with open(paper.file.path, "wb") as handle:
        handle.write(pdf_bytes("Now with a text layer."))
    linked = PaperFactory(publisher=org("camden"))
    with django_capture_on_commit_callbacks(execute=True):
        response = camden_editor.post(
            CHANGELIST,
            {"action": "extract_text_again", "_selected_action": [paper.pk, linked.pk]},
            follow=True,
        )
    assert "1 PDF queued to be read again. 1 without an uploaded PDF left alone." in response.text
    paper.refresh_from_db()
    assert paper.extraction == Extraction.EXTRACTED
    assert "Now with a text layer." in paper.extracted_text


@pytest.mark.parametrize(
    ("filename", "content", "message"),
    [
        ("strategy.pdf", b"MZ\x90\x00" + bytes(range(256)) * 4,
         "“strategy.pdf” is not a PDF, Word (DOCX), Excel (XLSX), OpenDocument text (ODT) or "
         "CSV file. It looks like a program, which cannot be uploaded."),
        ("big.pdf", b"%PDF-1.4\n" + b"0" * (20 * 1024 * 1024 + 1), "is larger than 20 MB"),
    ],
)  # fmt: skip
def test_a_refused_upload_is_explained_and_keeps_the_rest(
    camden_editor, org, django_capture_on_commit_callbacks, filename, content, message
):
    response = post_paper(camden_editor, org, filename, content,
                          django_capture_on_commit_callbacks)  # fmt: skip
    assert message in text_of(response.text)
    assert elements(response.text, "input", name="title", value="Camden IT strategy 2005")
    assert not Paper.objects.exists()


def test_a_word_file_is_kept_as_word_and_not_read(
    camden_editor, org, django_capture_on_commit_callbacks
):
    post_paper(camden_editor, org, "strategy.pdf", docx_bytes(), django_capture_on_commit_callbacks)
    paper = Paper.objects.get()
    assert paper.file_format == "docx" and paper.file.name.endswith(".docx")
    assert paper.extraction == Extraction.NOT_NEEDED


def test_a_file_or_a_link_not_both(camden_editor, org, django_capture_on_commit_callbacks):
    response = post_paper(camden_editor, org, "s.pdf", pdf_bytes(),
                          django_capture_on_commit_callbacks,
                          external_url="https://example.org/s.pdf")  # fmt: skip
    assert "Upload the paper, or give the link to it: one or the other." in response.text
    assert not Paper.objects.exists()


def test_a_group_paper_is_kept_by_the_groups_convenor(camden_editor, org):
    group = GroupFactory(convenor=org("camden"))
    response = camden_editor.post(ADD, {
        "title": "Group paper", "slug": "group-paper", "kind": "group_paper",
        "summary": "S", "publisher": "", "group": group.pk, "published_on": "2005-01-01",
        "external_url": "https://example.org/g", "last_reviewed_on": "2026-01-01",
    })  # fmt: skip
    assert response.status_code == 302
    assert Paper.objects.get().publisher == org("camden")


def test_a_camden_editor_cannot_touch_newhams_papers(camden_editor, org):
    newham = PaperFactory(title="Newham strategy", publisher=org("newham"), pdf=True)
    PaperFactory(title="Camden strategy", publisher=org("camden"))
    listing = camden_editor.get(CHANGELIST).text
    assert "Camden strategy" in listing and "Newham strategy" not in listing
    for action in ("change", "delete", "history"):
        url = reverse(f"admin:papers_paper_{action}", args=[newham.pk])
        assert camden_editor.get(url).status_code in (302, 403, 404), action
    camden_editor.post(
        CHANGELIST, {"action": "extract_text_again", "_selected_action": [newham.pk]}
    )
    camden_editor.post(reverse("admin:papers_paper_delete", args=[newham.pk]), {"post": "yes"})
    assert Paper.objects.filter(pk=newham.pk).exists()
