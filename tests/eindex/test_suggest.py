"""Anyone may suggest a link: a clear form, errors that keep what was typed, a honeypot, a
per-IP limit, and a confirmation page; suggestions wait for a moderator."""

import pytest
from django.urls import reverse

from eindex.models import Category, Suggestion, SuggestionStatus

pytestmark = pytest.mark.django_db

URL = reverse("eindex:suggest")


def valid(**overrides):
    data = {
        "title": "WCAG 2.2 quick reference",
        "url": "https://www.w3.org/WAI/WCAG22/quickref/",
        "category": "",
        "reason": "The clearest way into the accessibility standard.",
        "suggester_name": "Alex Example",
        "suggester_email": "alex@example.org",
        "website": "",
    }
    data.update(overrides)
    return data


def test_the_form_page(client):
    response = client.get(URL + "?category=legislation")
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count("<h1") == 1 and "Suggest a link for the e-index" in html
    assert '<meta name="robots" content="noindex">' in html
    legislation = Category.objects.get(slug="legislation")
    assert f'<option value="{legislation.pk}" selected>' in html
    assert "Government legislation, policies, standards and infrastructure: Legislation" in html


def test_a_suggestion_waits_for_a_moderator_and_the_suggester_sees_a_confirmation(client):
    legislation = Category.objects.get(slug="legislation")
    response = client.post(URL, valid(category=legislation.pk))
    assert response.status_code == 302 and response["Location"] == reverse("eindex:suggest_done")
    suggestion = Suggestion.objects.get()
    assert suggestion.status == SuggestionStatus.PENDING
    assert suggestion.category == legislation
    assert suggestion.entry is None
    html = client.get(response["Location"]).content.decode()
    assert "Suggestion sent" in html and suggestion.reference in html
    assert "WCAG 2.2 quick reference" in html and "under Legislation" in html


def test_the_confirmation_page_without_a_suggestion(client):
    html = client.get(reverse("eindex:suggest_done")).content.decode()
    assert "No suggestion to show" in html


def test_errors_are_summarised_and_what_was_typed_is_kept(client):
    response = client.post(
        URL, valid(title="", url="not a web address", reason="", suggester_email="nope")
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "<title>Error: Suggest a link" in html
    assert 'class="govuk-error-summary"' in html
    for message in (
        "Enter the name of the page or site",
        "Enter a web address in the correct format, like https://www.example.org/",
        "Tell us why it should be in the e-index",
        "Enter an e-mail address in the correct format, like name@example.org",
    ):
        assert message in html
    assert 'value="not a web address"' in html and 'value="Alex Example"' in html
    assert not Suggestion.objects.exists()


def test_only_web_addresses_are_accepted(client):
    response = client.post(URL, valid(url="ftp://files.example.org/report.pdf"))
    assert "Enter a web address" in response.content.decode()
    assert not Suggestion.objects.exists()


def test_a_robot_that_fills_the_honeypot_is_turned_away(client):
    response = client.post(URL, valid(website="http://spam.example.com/"))
    assert response.status_code == 200
    assert "We could not accept this suggestion" in response.content.decode()
    assert not Suggestion.objects.exists()


def test_suggestions_are_limited_per_address_and_input_is_kept(client, settings):
    settings.EINDEX_SUGGESTIONS_PER_HOUR = 3
    for n in range(3):
        assert client.post(URL, valid(title=f"Page {n}")).status_code == 302
    response = client.post(URL, valid(title="One too many"))
    html = response.content.decode()
    assert response.status_code == 429
    assert "You have sent a lot of suggestions in the last hour" in html
    assert 'value="One too many"' in html
    assert Suggestion.objects.count() == 3
    # Another address is not held back.
    other = client.post(URL, valid(title="From elsewhere"), REMOTE_ADDR="192.0.2.44")
    assert other.status_code == 302
