"""Link health wherever a URL is shown: a quiet note for visitors, one query per page."""

import pytest
from django.db import connection
from django.template import Context, Template
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from linkcheck.health import health_of
from linkcheck.models import Link
from linkcheck.outcomes import Outcome
from tests.factories import GroupFactory, OrganisationFactory

pytestmark = pytest.mark.django_db

NOTE = "this link may be broken"


def mark(url, outcome, **fields):
    Link.objects.filter(url=url).update(outcome=outcome, **fields)


def test_the_health_of_many_urls_is_one_query():
    urls = [OrganisationFactory().website for _ in range(20)]
    with CaptureQueriesContext(connection) as queries:
        health = health_of(urls, [None, ""], urls[0])
    assert len(queries) == 1
    assert set(health) == set(urls)


def test_the_note_and_status_tags():
    council = OrganisationFactory()
    mark(council.website, Outcome.BROKEN, first_failed_at=timezone.now())
    template = Template(
        "{% load linkhealth %}{% link_health url other as health %}"
        "[{% link_note health url %}][{% link_note health other %}]"
        "{% link_status health url %}{% if health|health_for:url %}found{% endif %}"
    )
    html = template.render(Context({"url": council.website, "other": "https://x.example.org/"}))
    assert html.count(NOTE) == 1
    assert "[]" in html  # nothing to say about a link we do not know
    assert "Broken" in html and "found" in html


def test_an_organisation_page_shows_the_note_only_for_a_broken_website(client):
    council = OrganisationFactory()
    response = client.get(council.get_absolute_url())
    assert NOTE not in response.content.decode()
    mark(council.website, Outcome.WORKING)
    assert NOTE not in client.get(council.get_absolute_url()).content.decode()
    mark(council.website, Outcome.BROKEN, first_failed_at=timezone.now())
    html = client.get(council.get_absolute_url()).content.decode()
    assert NOTE in html
    assert f"it has not worked since {timezone.localdate():%-d %B %Y}" in html


def test_a_group_page_shows_the_note_for_a_broken_website(client):
    group = GroupFactory(website="https://club.example.org/")
    mark(group.website, Outcome.BROKEN, first_failed_at=timezone.now())
    assert NOTE in client.get(group.get_absolute_url()).content.decode()


def test_a_link_failing_once_is_not_flagged_to_visitors(client):
    council = OrganisationFactory()
    mark(council.website, Outcome.WORKING, consecutive_failures=1, first_failed_at=timezone.now())
    assert NOTE not in client.get(council.get_absolute_url()).content.decode()
