import datetime

import pytest
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.utils import timezone

from contacts import cache as directory_cache
from contacts.models import (
    Contact,
    CorrectionRequest,
    DatePrecision,
    Group,
    GroupKind,
    OrganisationStatus,
    RequestKind,
    SubRegion,
    Visibility,
    one_month_after,
)
from contacts.visibility import ContactEntry, audience_for, levels_seen_by
from tests.accounts.helpers import as_verified
from tests.factories import (
    ContactFactory,
    LocalAuthorityFactory,
    OrganisationFactory,
    PartnerEditorFactory,
    SuperUserFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

YESTERDAY = timezone.localdate() - datetime.timedelta(days=1)


@pytest.mark.parametrize(
    ("precision", "display", "phrase"),
    [
        (DatePrecision.DAY, "5 May 2006", "on 5 May 2006"),
        (DatePrecision.MONTH, "May 2006", "in May 2006"),
        (DatePrecision.YEAR, "2006", "in 2006"),
    ],
)
def test_a_closing_date_is_shown_as_precisely_as_it_is_known(precision, display, phrase):
    body = OrganisationFactory.build(
        status=OrganisationStatus.CLOSED,
        closed_on=datetime.date(2006, 5, 5),
        closed_on_precision=precision,
    )
    assert body.closed_on_display == display
    assert body.closed_on_phrase == phrase


def test_short_name_defaults_to_the_name():
    assert OrganisationFactory(name="Test Body", short_name="").short_name == "Test Body"


def test_current_body_follows_successors():
    today = OrganisationFactory()
    middle = OrganisationFactory(
        status=OrganisationStatus.CLOSED, closed_on=datetime.date(2018, 1, 8), successor=today
    )
    first = OrganisationFactory(
        status=OrganisationStatus.CLOSED, closed_on=datetime.date(2006, 5, 5), successor=middle
    )
    assert first.current_body() == today
    assert today.current_body() == today


def test_audiences():
    camden = LocalAuthorityFactory()
    assert audience_for(UserFactory()) == Visibility.PUBLIC
    assert (
        audience_for(as_verified(PartnerEditorFactory(organisations=[camden])))
        == Visibility.PARTNERS
    )
    assert audience_for(as_verified(SuperUserFactory())) == Visibility.STAFF
    assert levels_seen_by(Visibility.PARTNERS) == ["public", "partners"]


def test_visible_to_lists_entries_by_audience_and_review_date():
    from django.contrib.auth.models import AnonymousUser

    public = ContactFactory(listing_visibility=Visibility.PUBLIC)
    partners = ContactFactory(listing_visibility=Visibility.PARTNERS)
    staff = ContactFactory(listing_visibility=Visibility.STAFF)
    lapsed = ContactFactory(listing_visibility=Visibility.PUBLIC, review_by=YESTERDAY)
    editor = as_verified(PartnerEditorFactory(organisations=[public.organisation]))
    site_administrator = as_verified(SuperUserFactory())

    assert set(Contact.objects.visible_to(AnonymousUser())) == {public}
    assert set(Contact.objects.visible_to(UserFactory())) == {public}
    assert set(Contact.objects.visible_to(editor)) == {public, partners}
    assert set(Contact.objects.visible_to(site_administrator)) == {public, partners, staff, lapsed}
    assert set(Contact.objects.public()) == {public}


def test_a_contact_entry_carries_only_the_fields_the_audience_may_see():
    contact = ContactFactory(
        job_title_visibility=Visibility.PUBLIC,
        email_visibility=Visibility.PARTNERS,
        phone_visibility=Visibility.STAFF,
        profile_visibility=Visibility.STAFF,
    )

    public = ContactEntry.of(contact, Visibility.PUBLIC)
    partners = ContactEntry.of(contact, Visibility.PARTNERS)
    staff = ContactEntry.of(contact, Visibility.STAFF)

    assert (public.job_title, public.email, public.phone, public.profile) == (
        contact.job_title,
        "",
        "",
        "",
    )
    assert (partners.email, partners.phone) == (contact.email, "")
    assert (staff.email, staff.phone, staff.profile) == (
        contact.email,
        contact.phone,
        contact.profile,
    )


def test_email_and_phone_are_staff_only_by_default():
    contact = Contact(name="New Person")
    assert contact.email_visibility == Visibility.STAFF
    assert contact.phone_visibility == Visibility.STAFF


@pytest.mark.parametrize(
    ("received", "respond_by"),
    [
        (datetime.date(2026, 1, 31), datetime.date(2026, 2, 28)),
        (datetime.date(2028, 1, 31), datetime.date(2028, 2, 29)),
        (datetime.date(2026, 12, 15), datetime.date(2027, 1, 15)),
    ],
)
def test_one_calendar_month(received, respond_by):
    assert one_month_after(received) == respond_by


def test_a_request_gets_its_deadline_and_a_reference():
    request = CorrectionRequest.objects.create(
        kind=RequestKind.CORRECT,
        requester_name="A Person",
        requester_email="a.person@example.org",
        details="My job title is out of date.",
    )
    assert request.respond_by == one_month_after(timezone.localdate())
    assert request.reference == f"DIR-{request.pk:05d}"
    assert not request.is_overdue


def test_home_page_counts_are_cached_and_dropped_when_the_directory_changes(
    django_capture_on_commit_callbacks,
):
    ContactFactory()
    assert (
        directory_cache.cached_count(directory_cache.PUBLIC_CONTACTS, Contact.objects.public()) == 1
    )
    assert cache.get(directory_cache.PUBLIC_CONTACTS) == 1

    with django_capture_on_commit_callbacks(execute=True):
        ContactFactory()

    assert cache.get(directory_cache.PUBLIC_CONTACTS) is None
    assert (
        directory_cache.cached_count(directory_cache.PUBLIC_CONTACTS, Contact.objects.public()) == 2
    )


def test_drop_directory_cache_removes_every_directory_key():
    for key in directory_cache.DIRECTORY_CACHE_KEYS:
        cache.set(key, 7)
    cache.set("another-app:key", "kept")

    directory_cache.drop_directory_cache()

    assert all(cache.get(key) is None for key in directory_cache.DIRECTORY_CACHE_KEYS)
    assert cache.get("another-app:key") == "kept"


def test_cached_count_refuses_an_undeclared_key():
    with pytest.raises(ValueError, match="DIRECTORY_CACHE_KEYS"):
        directory_cache.cached_count("contacts:something-else", Contact.objects.all())


def test_seed_demo_works_on_an_empty_database_and_is_idempotent():
    call_command("seed_demo", scale=1, verbosity=0)
    contacts = Contact.objects.filter(slug__endswith="-demo")
    groups = Group.objects.all()

    assert contacts.count() == 40
    assert 6 <= groups.count() <= 8
    assert {g.sub_region for g in groups.filter(kind=GroupKind.SUB_REGIONAL)} == set(SubRegion)
    assert groups.filter(kind=GroupKind.CROSS_SECTOR).exists()
    assert groups.filter(kind=GroupKind.SHAREWARE_CLUB).exists()
    assert all(c.email.endswith("@example.org") for c in contacts)
    assert all(c.phone.startswith("020 7946 0") and len(c.phone) == 13 for c in contacts)
    assert len(set(contacts.values_list("listing_visibility", flat=True))) > 1
    for group in groups:
        group.full_clean()

    counts = (Contact.objects.count(), Group.objects.count())
    call_command("seed_demo", scale=1, verbosity=0)
    assert (Contact.objects.count(), Group.objects.count()) == counts

    call_command("seed_demo", scale=2, verbosity=0)
    assert Contact.objects.filter(slug__endswith="-demo").count() == 80


def test_a_contact_cannot_take_the_address_of_the_request_page():
    contact = ContactFactory.build(slug="request", organisation=OrganisationFactory())
    with pytest.raises(ValidationError) as error:
        contact.full_clean()
    assert "slug" in error.value.message_dict
