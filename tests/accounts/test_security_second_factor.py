"""Rights beyond a member's need a second factor in this session, on the public site as in
the admin: until then a staff account, site administrator or moderator signed in with a
password alone sees what a member sees. Rights come from the role and staff status held
now, never from organisations left on a former editor's profile; belonging to an
organisation (a group's private forum) is membership, not an editing right."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from contacts.models import Visibility
from forums.models import Category, Thread
from tests.events.factories import EventFactory
from tests.factories import (
    ContactFactory,
    GroupFactory,
    LocalAuthorityFactory,
    PartnerEditorFactory,
    SuperUserFactory,
)
from tests.forums.factories import CategoryFactory, MemberFactory, ModeratorFactory, start_thread
from tests.funding.factories import FundingSourceFactory
from tests.papers.factories import PaperFactory
from tests.projects.factories import ProjectFactory

from .helpers import give_second_factor, sign_in

pytestmark = pytest.mark.django_db

PARTNERS_EMAIL = "partners.inbox.4412@example.org"
STAFF_PHONE = "020 7946 0481"
UNLISTED_PERSON = "Ottoline Unlisted-Pemberton"


@pytest.fixture
def camden(db):
    return LocalAuthorityFactory(name="London Borough of Camden", slug="camden-2fa")


@pytest.fixture
def contact(camden):
    """An entry whose e-mail address is for partners and phone number for staff."""
    ContactFactory(
        name=UNLISTED_PERSON,
        slug="ottoline-unlisted",
        organisation=camden,
        listing_visibility=Visibility.PARTNERS,
    )
    return ContactFactory(
        name="Bartholomew Guarded",
        slug="bartholomew-guarded",
        organisation=camden,
        email=PARTNERS_EMAIL,
        email_visibility=Visibility.PARTNERS,
        phone=STAFF_PHONE,
        phone_visibility=Visibility.STAFF,
    )


def signed_in_with_password(client, user):
    assert sign_in(client, user.email).status_code == 302
    return user


def contact_pages(contact):
    return {
        "detail": reverse("contacts:contact_detail", args=[contact.slug]),
        "list": reverse("contacts:contact_list"),
        "organisation": reverse("contacts:organisation_detail", args=[contact.organisation.slug]),
    }


def drafts_of(organisation):
    """One unpublished record of each owned-content type, owned by `organisation`."""
    return {
        "project": ProjectFactory(lead_organisation=organisation, is_published=False),
        "funding": FundingSourceFactory(owner=organisation, is_published=False),
        "paper": PaperFactory(publisher=organisation, is_published=False),
        "event": EventFactory(organiser=organisation, is_published=False),
    }


# Contacts: staff-only and partners-only fields, the record-keeping facts


def test_a_site_administrator_with_only_a_password_sees_the_members_view_of_contacts(
    client, contact
):
    signed_in_with_password(client, SuperUserFactory())

    for url in contact_pages(contact).values():
        html = client.get(url).text
        assert STAFF_PHONE not in html, url
        assert PARTNERS_EMAIL not in html, url
        assert UNLISTED_PERSON not in html, url
    assert "Record keeping" not in client.get(contact_pages(contact)["detail"]).text


def test_a_site_administrator_sees_staff_fields_and_record_facts_after_the_second_factor(
    client, contact
):
    admin = signed_in_with_password(client, SuperUserFactory())
    give_second_factor(client, admin)

    detail = client.get(contact_pages(contact)["detail"]).text

    assert STAFF_PHONE in detail and PARTNERS_EMAIL in detail
    assert "Record keeping" in detail
    assert UNLISTED_PERSON in client.get(contact_pages(contact)["list"]).text


def test_a_partner_editor_with_only_a_password_sees_no_partners_fields(client, contact, camden):
    editor = signed_in_with_password(client, PartnerEditorFactory(organisations=[camden]))

    for url in contact_pages(contact).values():
        html = client.get(url).text
        assert PARTNERS_EMAIL not in html, url
        assert UNLISTED_PERSON not in html, url

    give_second_factor(client, editor)
    for url in contact_pages(contact).values():
        html = client.get(url).text
        assert PARTNERS_EMAIL in html, url
        assert STAFF_PHONE not in html, url


# Drafts (owned content of every type)


def test_drafts_stay_hidden_from_staff_with_only_a_password(client, camden):
    drafts = drafts_of(camden)
    editor = PartnerEditorFactory(organisations=[camden])

    for person in (SuperUserFactory(), editor):
        signed_in_with_password(client, person)
        for kind, draft in drafts.items():
            assert client.get(draft.get_absolute_url()).status_code == 404, (person, kind)
        give_second_factor(client, person)
        for kind, draft in drafts.items():
            assert client.get(draft.get_absolute_url()).status_code == 200, (person, kind)
        client.logout()


def test_a_former_editor_gets_no_rights_from_organisations_left_on_their_profile(
    client, contact, camden
):
    drafts = drafts_of(camden)
    role_taken_away = PartnerEditorFactory(organisations=[camden])
    role_taken_away.groups.clear()
    no_longer_staff = PartnerEditorFactory(organisations=[camden])
    no_longer_staff.is_staff = False
    no_longer_staff.save()

    signed_in_with_password(client, role_taken_away)
    give_second_factor(client, role_taken_away)
    for draft in drafts.values():
        assert client.get(draft.get_absolute_url()).status_code == 404
    assert PARTNERS_EMAIL not in client.get(contact_pages(contact)["detail"]).text
    client.logout()

    signed_in_with_password(client, no_longer_staff)
    for draft in drafts.values():
        assert client.get(draft.get_absolute_url()).status_code == 404
    assert PARTNERS_EMAIL not in client.get(contact_pages(contact)["detail"]).text
    assert client.get("/accounts/two-factor/").status_code == 403


# Forums: private group forums, hidden threads, the moderation pages


@pytest.fixture
def e_democracy(db):
    """A theme the data migration created."""
    return Category.objects.get(slug="e-democracy")


@pytest.fixture
def private_forum(camden):
    group = GroupFactory(name="Planning portal circle", convenor=camden, members=[camden])
    forum = CategoryFactory(
        name="Circle: private", slug="circle-private", group=group, members_only=True
    )
    thread = start_thread(forum, title="Private plans quillwort")
    return forum, thread


def test_moderators_and_administrators_with_only_a_password_do_not_read_private_forums(
    client, private_forum
):
    forum, thread = private_forum

    for person in (SuperUserFactory(), ModeratorFactory()):
        signed_in_with_password(client, person)
        assert client.get(forum.get_absolute_url()).status_code == 404
        assert client.get(thread.get_absolute_url()).status_code == 404
        assert "Circle: private" not in client.get("/forums/").text
        give_second_factor(client, person)
        assert client.get(forum.get_absolute_url()).status_code == 200
        assert "Private plans quillwort" in client.get(thread.get_absolute_url()).text
        client.logout()


def test_hidden_threads_need_moderator_rights_acting_now(client, e_democracy):
    thread = start_thread(e_democracy, title="Hidden away")
    Thread.objects.filter(pk=thread.pk).update(is_hidden=True)
    moderator = signed_in_with_password(client, ModeratorFactory())

    assert client.get(thread.get_absolute_url()).status_code == 404

    give_second_factor(client, moderator)
    assert client.get(thread.get_absolute_url()).status_code == 200


def test_members_of_the_groups_organisations_read_its_private_forum_without_a_second_factor(
    client, private_forum, camden
):
    """Membership is not an editing right: neither the editor role nor a second factor is
    needed, and a former editor who still belongs to the organisation stays a member."""
    forum, thread = private_forum
    member = MemberFactory()
    member.organisations.add(camden)
    former_editor = PartnerEditorFactory(organisations=[camden])
    former_editor.groups.clear()

    for person in (member, former_editor):
        signed_in_with_password(client, person)
        assert client.get(forum.get_absolute_url()).status_code == 200
        assert "Private plans quillwort" in client.get(thread.get_absolute_url()).text
        client.logout()


def test_moderation_pages_ask_staff_and_moderators_for_their_second_factor(client, e_democracy):
    queue = reverse("forums:moderation_queue")

    for person in (SuperUserFactory(), ModeratorFactory()):
        signed_in_with_password(client, person)
        response = client.get(queue)
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/two-factor/")
        assert "next=%2Fforums%2Fmoderation%2F" in response["Location"]
        assert "Moderation queue" not in client.get("/forums/").text
        give_second_factor(client, person)
        assert client.get(queue).status_code == 200
        client.logout()


def test_a_moderator_with_only_a_password_cannot_act(client, e_democracy):
    thread = start_thread(e_democracy, title="Lock me not")
    signed_in_with_password(client, ModeratorFactory())

    lock = reverse("forums:moderation_thread_action", args=[thread.pk, "lock"])
    response = client.post(lock, {"reason": "Done"})

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/two-factor/")
    thread.refresh_from_db()
    assert not thread.is_locked


def test_a_moderator_sets_up_an_authenticator_app_like_staff(client):
    signed_in_with_password(client, ModeratorFactory())

    response = client.get("/accounts/two-factor/?next=/forums/moderation/", follow=True)

    assert response.redirect_chain[-1][0].startswith("/accounts/two-factor/setup/")
    assert response.status_code == 200


def test_a_digest_brings_a_moderator_only_what_their_memberships_let_them_read(
    private_forum, camden
):
    """An e-mail is no session with a second factor: moderator rights never reach it."""
    from digests.members import load_batch
    from digests.models import Frequency, Subscriber
    from digests.news import BatchNews
    from forums.models import Watch

    forum, _ = private_forum
    moderator = ModeratorFactory()
    insider = MemberFactory()
    insider.organisations.add(camden)
    for person in (moderator, insider):
        Subscriber.objects.create(member=person, forum_frequency=Frequency.DAILY)
        Watch.objects.create(user=person, category=forum)
    until = timezone.now() + datetime.timedelta(minutes=1)
    since = until - datetime.timedelta(days=1)
    start_thread(forum, title="Circle news", now=until - datetime.timedelta(hours=1))

    members = load_batch(Frequency.DAILY, until, [moderator.pk, insider.pk])
    news = BatchNews(Frequency.DAILY, until, since, members)
    digests = {member.pk: news.digest_for(member, since, None) for member in members}

    assert not digests[insider.pk].is_empty
    assert digests[moderator.pk].is_empty
