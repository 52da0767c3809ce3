"""The correction-request form cannot be used to mail anyone at will: requests are limited
per visitor and per requester's address, a refusal is explained and keeps what was typed, and
what a visitor typed reaches the receipt and the notice only as a marked quotation, below the
site's own words, never in a subject or a greeting. The mail goes over real SMTP."""

import pytest
from django.urls import reverse

from contacts.models import CorrectionRequest, RequestKind
from tests.londonconnects.html import assert_sound_page, elements

pytestmark = pytest.mark.django_db

FORM_URL = reverse("contacts:correction_request")
PHISHING = "Customer,\n\nYour account is locked. Sign in again at https://evil.example/login"
HOSTILE_DETAILS = (
    "Remove me please.\n\nAct on it in the admin: https://evil.example/admin\n"
    "The LondonConnects team"
)


@pytest.fixture
def sink(sink, settings):
    """The SMTP sink of tests/conftest.py, with this test's recipients."""
    settings.DIRECTORY_REQUESTS_EMAIL = ["directory-team@example.org"]
    return sink


def valid_data(**changes):
    data = {
        "kind": RequestKind.REMOVE,
        "requester_name": "Fenella Requester",
        "requester_email": "fenella.requester@example.org",
        "details": "Please take my entry down; I have left the council.",
        "website": "",
    }
    return {**data, **changes}


def send(client, captured, remote_addr="192.0.2.10", **changes):
    with captured(execute=True):
        return client.post(FORM_URL, valid_data(**changes), REMOTE_ADDR=remote_addr)


def assert_refused_keeping_the_input(response, message, **typed):
    assert response.status_code == 429
    html = assert_sound_page(response)
    assert elements(html, "title")[0]["text"].startswith("Error:")
    summary = elements(html, "div", class_="govuk-error-summary")
    assert summary and message in summary[0]["text"]
    for name, value in typed.items():
        if name == "details":
            assert value in elements(html, "textarea", name="details")[0]["text"]
        else:
            assert elements(html, "input", name=name, value=value), name


def test_requests_are_limited_per_visitor(
    client, settings, sink, django_capture_on_commit_callbacks
):
    settings.CORRECTION_REQUESTS_PER_VISITOR_PER_HOUR = 2
    for n in range(2):
        response = send(client, django_capture_on_commit_callbacks,
                        requester_email=f"person{n}@example.org")  # fmt: skip
        assert response.status_code == 302
    response = send(client, django_capture_on_commit_callbacks,
                    requester_email="victim@example.org", details="One too many")  # fmt: skip

    assert_refused_keeping_the_input(
        response,
        "You have sent several requests in the last hour",
        requester_email="victim@example.org",
        requester_name="Fenella Requester",
        details="One too many",
    )
    assert CorrectionRequest.objects.count() == 2
    assert sink.to("victim@example.org") == [] and sink.count == 4
    # Another visitor is not held back.
    elsewhere = send(client, django_capture_on_commit_callbacks, remote_addr="198.51.100.7",
                     requester_email="victim@example.org")  # fmt: skip
    assert elsewhere.status_code == 302


def test_requests_are_limited_per_requesters_address_whoever_sends_them(
    client, settings, sink, django_capture_on_commit_callbacks
):
    settings.CORRECTION_REQUESTS_PER_ADDRESS_PER_DAY = 2
    for n, address in enumerate(("victim@example.org", "Victim@Example.ORG")):
        response = send(client, django_capture_on_commit_callbacks,
                        remote_addr=f"192.0.2.{20 + n}", requester_email=address)  # fmt: skip
        assert response.status_code == 302
    response = send(client, django_capture_on_commit_callbacks, remote_addr="192.0.2.30",
                    requester_email="victim@example.org")  # fmt: skip

    assert_refused_keeping_the_input(
        response,
        "We have had several requests from this e-mail address today",
        requester_email="victim@example.org",
    )
    assert len(sink.to("victim@example.org")) + len(sink.to("Victim@Example.ORG")) == 2
    assert CorrectionRequest.objects.count() == 2
    # Other addresses still get through from the same place.
    other = send(client, django_capture_on_commit_callbacks, remote_addr="192.0.2.30",
                 requester_email="someone.else@example.org")  # fmt: skip
    assert other.status_code == 302


def lines_with(body, needle):
    return [line for line in body.splitlines() if needle in line]


def test_the_receipt_quotes_the_visitors_words_below_the_sites_own(
    client, sink, django_capture_on_commit_callbacks
):
    response = send(client, django_capture_on_commit_callbacks,
                    requester_name=PHISHING, requester_email="victim@example.org")  # fmt: skip
    assert response.status_code == 302
    request = CorrectionRequest.objects.get()

    [receipt] = sink.to("victim@example.org")
    assert receipt["Subject"] == f"We have your request {request.reference}"
    body = receipt.get_body(("plain",)).get_content()
    first_line = body.strip().splitlines()[0]
    assert first_line == "Hello,"
    assert "Customer" not in body.split("> ")[0]  # nothing typed before the quotation
    for needle in ("Customer", "Your account is locked", "evil.example"):
        assert lines_with(body, needle), needle
        assert all(line.startswith(">") for line in lines_with(body, needle)), needle
    signature = body.index("The LondonConnects team")
    assert signature < body.index("Your account is locked")
    # A name is one line: the receipt is no place for a visitor's paragraphs.
    assert len(lines_with(body, "Customer")) == 1


def test_the_notice_quotes_the_visitors_words_below_the_sites_own(
    client, sink, django_capture_on_commit_callbacks
):
    send(client, django_capture_on_commit_callbacks, requester_name=PHISHING,
         details=HOSTILE_DETAILS)  # fmt: skip
    request = CorrectionRequest.objects.get()

    [notice] = sink.to("directory-team@example.org")
    assert "\n" not in notice["Subject"] and "evil" not in notice["Subject"]
    body = notice.get_body(("plain",)).get_content()
    for needle in ("evil.example", "Customer", "Remove me please", "Your account is locked"):
        assert all(line.startswith(">") for line in lines_with(body, needle)), needle
    own_admin_link = f"/admin/contacts/correctionrequest/{request.pk}/change/"
    [admin_line] = [line for line in lines_with(body, "Act on it") if not line.startswith(">")]
    assert own_admin_link in admin_line
    assert body.index(own_admin_link) < body.index("> Act on it in the admin")
