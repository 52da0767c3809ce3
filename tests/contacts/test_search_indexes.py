"""The directory in the search index: public listings only, public fields only, and in step
with the database once each transaction commits."""

import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone
from haystack.query import SearchQuerySet

from contacts.models import Contact, Visibility
from contacts.tasks import drop_lapsed_contacts_from_search_index
from tests.factories import ContactFactory, GroupFactory, LocalAuthorityFactory
from tests.londonconnects.html import text_of

pytestmark = pytest.mark.django_db


def found(query, model=None):
    results = SearchQuerySet().auto_query(query)
    if model is not None:
        results = results.models(model)
    return list(results)


def test_a_public_contact_is_indexed_with_its_public_fields_only(
    search_index, django_capture_on_commit_callbacks
):
    camden = LocalAuthorityFactory(name="London Borough of Camden", short_name="Camden")
    with django_capture_on_commit_callbacks(execute=True):
        contact = ContactFactory(
            name="Delphine Indexed-Gallimore",
            organisation=camden,
            job_title="Chief Zephyrologist",
            job_title_visibility=Visibility.PARTNERS,
            email="delphine.private.5521@example.org",
            profile="Works on quixotic gazetteers.",
        )

    (result,) = found("Gallimore")
    assert result.title == "Delphine Indexed-Gallimore"
    assert result.url == contact.get_absolute_url()
    assert result.kind == "Contact"
    assert result.summary == "London Borough of Camden"
    assert result.updated is not None
    assert found("quixotic") and found("Camden", Contact)
    assert found("Zephyrologist") == []
    assert found("delphine.private.5521@example.org") == []


def test_a_contact_that_stops_being_public_leaves_the_index_on_commit(
    search_index, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        contact = ContactFactory(name="Eamon Visible-Ingleby")
    assert len(found("Ingleby")) == 1

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        contact.listing_visibility = Visibility.PARTNERS
        contact.save()
    assert len(found("Ingleby")) == 1, "the index changes only after the commit"
    for callback in callbacks:
        callback()

    assert found("Ingleby") == []


def test_entries_not_public_are_never_indexed(search_index, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        ContactFactory(name="Morwenna Partners-Lindqvist", listing_visibility=Visibility.PARTNERS)
        ContactFactory(name="Oisin Staff-Nettleford", listing_visibility=Visibility.STAFF)
        ContactFactory(
            name="Tobias Lapsed-Rathbone",
            review_by=timezone.localdate() - datetime.timedelta(days=1),
        )

    assert found("Lindqvist") == [] and found("Nettleford") == [] and found("Rathbone") == []


def test_a_rebuild_indexes_only_what_is_public(search_index):
    ContactFactory(name="Saoirse Public-Thistlewood")
    ContactFactory(name="Vashti Hidden-Umberleigh", listing_visibility=Visibility.PARTNERS)

    call_command("rebuild_index", interactive=False, verbosity=0)

    assert len(found("Thistlewood")) == 1
    assert found("Umberleigh") == []


def test_lapsed_entries_are_dropped_from_the_index_overnight(
    search_index, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        contact = ContactFactory(name="Wendell Expiring-Vanterpool")
    Contact.objects.filter(pk=contact.pk).update(
        review_by=timezone.localdate() - datetime.timedelta(days=1)
    )
    assert len(found("Vanterpool")) == 1

    assert drop_lapsed_contacts_from_search_index.delay().get() == 1

    assert found("Vanterpool") == []


def test_organisations_and_groups_are_indexed(search_index, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        borough = LocalAuthorityFactory(name="London Borough of Quarrendon", summary="A borough.")
        GroupFactory(name="Quarrendon Gazetteer Club", convenor=borough, summary="Sharing maps.")

    kinds = {result.title: result.kind for result in found("Quarrendon")}
    assert kinds == {
        "London Borough of Quarrendon": "Organisation",
        "Quarrendon Gazetteer Club": "Group",
    }


def test_the_site_search_shows_public_contacts_only(
    client, search_index, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        ContactFactory(name="Xanthe Searchable-Wetherall")
        ContactFactory(name="Yusuf Unsearchable-Wetherall", listing_visibility=Visibility.PARTNERS)

    text = text_of(client.get("/search/?q=Wetherall").text)

    assert "Xanthe Searchable-Wetherall" in text
    assert "Yusuf Unsearchable-Wetherall" not in text
