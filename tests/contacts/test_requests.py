"""The "correct, object or remove me" request form, as a person uses it."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from contacts.models import CorrectionRequest, RequestKind, Visibility, one_month_after
from tests.factories import ContactFactory
from tests.londonconnects.html import assert_sound_page, elements, text_of

pytestmark = pytest.mark.django_db

FORM_URL = reverse("contacts:correction_request")
DONE_URL = reverse("contacts:correction_request_done")


def valid_data(**changes):
    data = {
        "kind": RequestKind.REMOVE,
        "requester_name": "Fenella Requester",
        "requester_email": "fenella.requester@example.org",
        "details": "Please take my entry down; I have left the council.",
        "website": "",
    }
    return {**data, **changes}


def test_the_form_is_prefilled_with_the_entry_from_its_link(client):
    contact = ContactFactory(name="Gideon Listed-Person")
    html = assert_sound_page(client.get(f"{FORM_URL}?contact={contact.slug}"))

    assert "You are asking about the entry for Gideon Listed-Person" in text_of(html)
    assert elements(html, "input", type="hidden", name="contact", value=contact.slug)
    assert [b["text"] for b in elements(html, "button", type="submit")] == ["Send request"]


def test_a_hidden_entry_is_not_confirmed_by_the_form(client):
    hidden = ContactFactory(name="Ulrika Hidden-Person", listing_visibility=Visibility.STAFF)
    html = client.get(f"{FORM_URL}?contact={hidden.slug}").text
    assert "Ulrika Hidden-Person" not in html


def test_errors_show_the_error_summary_and_keep_what_was_typed(client):
    response = client.post(
        FORM_URL,
        valid_data(kind="", requester_email="not-an-address", details=""),
    )
    html = assert_sound_page(response)

    assert response.status_code == 200
    assert elements(html, "title")[0]["text"].startswith("Error:")
    summary = elements(html, "div", class_="govuk-error-summary")
    assert summary and "There is a problem" in summary[0]["text"]
    links = {
        a["attrs"]["href"]: a["text"]
        for a in elements(html, "a")
        if a["attrs"].get("href", "").startswith("#id_")
    }
    assert links == {
        "#id_kind_0": "Choose what you would like us to do",
        "#id_requester_email": (
            "Enter an e-mail address in the correct format, like name@example.org"
        ),
        "#id_details": "Tell us what should change",
    }
    assert elements(html, "input", name="requester_name", value="Fenella Requester")
    assert elements(html, "input", name="requester_email", value="not-an-address")
    assert len(elements(html, "div", class_="govuk-form-group--error")) == 3
    assert not CorrectionRequest.objects.exists()


def test_the_honeypot_turns_robots_away(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(FORM_URL, valid_data(website="https://spam.example.com/"))

    assert response.status_code == 200
    assert "We could not accept this request" in response.text
    assert not CorrectionRequest.objects.exists()
    assert mail.outbox == []


def test_the_honeypot_is_hidden_from_people(client):
    html = client.get(FORM_URL).text
    assert re.search(
        r'<div class="govuk-visually-hidden" aria-hidden="true">\s*<label for="id_website">', html
    )
    assert elements(html, "input", name="website", tabindex="-1", autocomplete="off")


def test_a_request_is_saved_confirmed_and_mailed(
    client, settings, django_capture_on_commit_callbacks
):
    settings.DIRECTORY_REQUESTS_EMAIL = ["directory-team@example.org"]
    contact = ContactFactory(name="Hollis Leaving-Soon")

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(FORM_URL, valid_data(contact=contact.slug))

    assert response.status_code == 302 and response["Location"] == DONE_URL
    request = CorrectionRequest.objects.get()
    assert request.contact == contact
    assert request.kind == RequestKind.REMOVE
    assert request.respond_by == one_month_after(request.received_at.date())

    done = assert_sound_page(client.get(DONE_URL))
    panel = elements(done, "div", class_="govuk-panel--confirmation")[0]["text"]
    assert request.reference in panel and "Request sent" in panel
    assert f"reply by {request.respond_by:%-d %B %Y}" in text_of(done)

    receipt, notice = mail.outbox
    assert receipt.to == ["fenella.requester@example.org"]
    assert request.reference in receipt.subject
    assert request.respond_by.strftime("%-d %B %Y") in receipt.body
    assert notice.to == ["directory-team@example.org"]
    assert notice.reply_to == ["fenella.requester@example.org"]
    assert (
        "Hollis Leaving-Soon" in notice.body and "/admin/contacts/correctionrequest/" in notice.body
    )


def test_a_request_without_an_entry_is_accepted(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(FORM_URL, valid_data(kind=RequestKind.CORRECT))

    assert CorrectionRequest.objects.get().contact is None
    assert len(mail.outbox) == 2


def test_the_done_page_without_a_request(client):
    html = assert_sound_page(client.get(DONE_URL))
    assert "No request to show" in text_of(html)
    assert "govuk-panel" not in html
