"""The registry across apps: saving a record registers its URLs with its owner; editing
moves them; deleting unregisters them; new URLs are checked soon on the priority queue."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.test import override_settings

from contacts.models import Group, Organisation
from eindex.models import Entry
from linkcheck import registry
from linkcheck.models import Link, LinkUsage
from linkcheck.outcomes import Outcome
from tests.eindex.factories import EntryFactory
from tests.factories import GroupFactory, OrganisationFactory

from .servers import Route

pytestmark = pytest.mark.django_db


def usages_of(record):
    content_type = ContentType.objects.get_for_model(type(record))
    return LinkUsage.objects.filter(content_type=content_type, object_id=str(record.pk))


def test_apps_declare_their_url_fields_with_an_owner_path():
    declared = {(f.model, f.field_name, f.owner) for f in registry.url_fields()}
    assert (Organisation, "website", "pk") in declared
    assert (Group, "website", "convenor") in declared
    assert (Entry, "url", "owner") in declared


def test_registering_an_unknown_field_fails_at_start_up():
    with pytest.raises(Exception, match="no field named"):
        registry.register_url_field(Organisation, "homepage", owner="pk")


def test_saving_records_of_three_kinds_registers_their_urls_and_owners():
    council = OrganisationFactory(website="https://council.example.org/")
    group = GroupFactory(convenor=council, website="https://group.example.org/")
    entry = EntryFactory(owner=council, url="https://standards.example.org/wcag")
    for record, url in (
        (council, "https://council.example.org/"),
        (group, "https://group.example.org/"),
        (entry, "https://standards.example.org/wcag"),
    ):
        usage = usages_of(record).get()
        assert usage.link.url == url
        assert usage.owner == council
        assert usage.record_label == str(record)
    assert Link.objects.get(url="https://group.example.org/").host == "group.example.org"
    assert Link.objects.get(url="https://group.example.org/").outcome == Outcome.UNCHECKED


def test_one_url_on_two_records_is_one_link_with_two_owners():
    first = OrganisationFactory(website="https://shared.example.org/")
    second = OrganisationFactory()
    EntryFactory(owner=second, url="https://shared.example.org/")
    link = Link.objects.get(url="https://shared.example.org/")
    assert set(link.usages.values_list("owner", flat=True)) == {first.pk, second.pk}


def test_editing_a_url_moves_the_usage_and_drops_the_orphan():
    council = OrganisationFactory(website="https://old.example.org/")
    council.website = "https://new.example.org/"
    council.save()
    assert usages_of(council).get().link.url == "https://new.example.org/"
    assert not Link.objects.filter(url="https://old.example.org/").exists()


def test_a_url_still_shown_elsewhere_is_kept_when_one_record_drops_it():
    council = OrganisationFactory(website="https://kept.example.org/")
    EntryFactory(url="https://kept.example.org/")
    council.website = ""
    council.save()
    assert not usages_of(council).exists()
    assert Link.objects.filter(url="https://kept.example.org/").exists()


def test_changing_the_owner_follows_the_record():
    first, second = OrganisationFactory(), OrganisationFactory()
    group = GroupFactory(convenor=first, website="https://club.example.org/")
    group.convenor = second
    group.save()
    assert usages_of(group).get().owner == second


def test_deleting_a_record_unregisters_its_urls():
    entry = EntryFactory(url="https://gone.example.org/")
    pk = entry.pk
    entry.delete()
    content_type = ContentType.objects.get_for_model(Entry)
    assert not LinkUsage.objects.filter(content_type=content_type, object_id=str(pk)).exists()
    assert not Link.objects.filter(url="https://gone.example.org/").exists()


def test_a_blank_url_registers_nothing():
    council = OrganisationFactory(website="")
    assert not usages_of(council).exists()


def test_sync_all_catches_up_with_bulk_updates():
    council = OrganisationFactory(website="https://before.example.org/")
    gone = EntryFactory(url="https://deleted-in-bulk.example.org/")
    Organisation.objects.filter(pk=council.pk).update(website="https://after.example.org/")
    Entry.objects.filter(pk=gone.pk).delete()  # a queryset delete still sends signals
    LinkUsage.objects.filter(link__url="https://after.example.org/").delete()
    Link.objects.create(url="https://stray.example.org/", host="stray.example.org")
    usage = LinkUsage.objects.create(
        link=Link.objects.get(url="https://stray.example.org/"),
        content_type=ContentType.objects.get_for_model(Entry),
        object_id="999999",
        field_name="url",
    )
    registry.sync_all()
    assert usages_of(council).get().link.url == "https://after.example.org/"
    assert not LinkUsage.objects.filter(pk=usage.pk).exists()
    assert not Link.objects.filter(
        url__in=["https://before.example.org/", "https://stray.example.org/"]
    ).exists()


@override_settings(LINKCHECK_CHECK_ON_SAVE=True)
def test_a_new_url_is_checked_soon_after_the_commit(
    http_server, django_capture_on_commit_callbacks
):
    server = http_server({"/home": Route(200)})
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        OrganisationFactory(website=server.url("/home"))
    assert len(callbacks) >= 1
    link = Link.objects.get(url=server.url("/home"))
    assert link.outcome == Outcome.WORKING
    assert server.hits("/home") == ["HEAD"]


@override_settings(LINKCHECK_CHECK_ON_SAVE=True)
def test_nothing_is_fetched_until_the_transaction_commits(
    http_server, django_capture_on_commit_callbacks
):
    server = http_server({"/home": Route(200)})
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        OrganisationFactory(website=server.url("/home"))
    assert callbacks and server.requests == []


@override_settings(LINKCHECK_CHECK_ON_SAVE=True)
def test_bulk_loads_defer_checks_to_the_sweep(http_server, django_capture_on_commit_callbacks):
    server = http_server({"/home": Route(200)})
    with django_capture_on_commit_callbacks(execute=True), registry.checks_deferred():
        OrganisationFactory(website=server.url("/home"))
    assert Link.objects.get(url=server.url("/home")).outcome == Outcome.UNCHECKED
    assert server.requests == []


def test_checks_on_save_are_off_in_tests_by_default(
    http_server, django_capture_on_commit_callbacks
):
    server = http_server({"/home": Route(200)})
    with django_capture_on_commit_callbacks(execute=True):
        OrganisationFactory(website=server.url("/home"))
    assert server.requests == []
