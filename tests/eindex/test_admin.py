"""The e-index in admin: entries scoped to their owners, link health in the list, and the
moderation queue (approve into a category, or reject with a reason)."""

import pytest
from django.urls import reverse

from eindex.models import Category, Entry, Suggestion, SuggestionStatus
from linkcheck.models import Link
from linkcheck.outcomes import Outcome
from tests.factories import OrganisationFactory, PartnerEditorFactory, SuperUserFactory, UserFactory

from .factories import EntryFactory, SuggestionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def moderator():
    from django.contrib.auth.models import Group

    user = UserFactory(is_staff=True)
    user.groups.add(Group.objects.get(name="Moderators"))
    return user


def change_url(suggestion):
    return reverse("admin:eindex_suggestion_change", args=[suggestion.pk])


def decision(suggestion, **fields):
    data = {
        "title": suggestion.title,
        "url": suggestion.url,
        "reason": suggestion.reason,
        "category": "",
        "owner": "",
        "decision": "",
        "rejection_reason": "",
    }
    data.update(fields)
    return data


def test_a_moderator_approves_a_suggestion_into_a_category(client, admin_login, moderator):
    suggestion = SuggestionFactory(title="Open standards board")
    legislation = Category.objects.get(slug="standards-and-interoperability")
    owner = OrganisationFactory(name="Keeper Borough")
    admin_login(client, moderator)
    assert (
        "Waiting for a moderator"
        in client.get(reverse("admin:eindex_suggestion_changelist")).content.decode()
    )
    response = client.post(
        change_url(suggestion),
        decision(suggestion, decision="approve", category=legislation.pk, owner=owner.pk),
        follow=True,
    )
    assert "is now in the e-index under Standards and interoperability" in response.content.decode()
    suggestion.refresh_from_db()
    assert suggestion.status == SuggestionStatus.APPROVED
    assert suggestion.decided_by == moderator and suggestion.decided_at
    entry = suggestion.entry
    assert (entry.title, entry.url, entry.primary_category, entry.owner) == (
        "Open standards board", suggestion.url, legislation, owner,
    )  # fmt: skip
    # The new entry's URL is registered with the link checker, owned by the keeper.
    assert Link.objects.get(url=entry.url).usages.get().owner == owner


def test_approving_needs_a_category_and_an_owner(client, admin_login, moderator):
    suggestion = SuggestionFactory()
    admin_login(client, moderator)
    html = client.post(change_url(suggestion), decision(suggestion, decision="approve")).content
    html = html.decode()
    assert "Choose the category the entry goes in." in html
    assert "Choose the organisation that will keep the entry." in html
    assert not Entry.objects.exists()


def test_rejecting_needs_a_reason(client, admin_login, moderator):
    suggestion = SuggestionFactory()
    admin_login(client, moderator)
    html = client.post(change_url(suggestion), decision(suggestion, decision="reject")).content
    assert "Give the reason for rejecting the suggestion." in html.decode()
    client.post(
        change_url(suggestion),
        decision(suggestion, decision="reject", rejection_reason="Not about e-government."),
    )
    suggestion.refresh_from_db()
    assert suggestion.status == SuggestionStatus.REJECTED
    assert suggestion.rejection_reason == "Not about e-government."
    assert not Entry.objects.exists()


def test_a_decided_suggestion_cannot_be_decided_again(client, admin_login, moderator):
    suggestion = SuggestionFactory(status=SuggestionStatus.REJECTED, rejection_reason="Spam")
    admin_login(client, moderator)
    html = client.get(change_url(suggestion)).content.decode()
    assert 'name="decision"' not in html


def test_spam_is_rejected_in_bulk(client, admin_login, moderator):
    spam = [SuggestionFactory() for _ in range(3)]
    admin_login(client, moderator)
    client.post(
        reverse("admin:eindex_suggestion_changelist"),
        {"action": "reject_as_spam", "_selected_action": [s.pk for s in spam]},
    )
    assert set(Suggestion.objects.values_list("status", flat=True)) == {SuggestionStatus.REJECTED}


def test_partner_editors_see_and_change_only_their_entries(client, admin_login):
    mine, theirs = OrganisationFactory(), OrganisationFactory()
    own = EntryFactory(owner=mine, title="Our entry")
    other = EntryFactory(owner=theirs, title="Their entry")
    admin_login(client, PartnerEditorFactory(organisations=[mine]))
    listing = client.get(reverse("admin:eindex_entry_changelist")).content.decode()
    assert "Our entry" in listing and "Their entry" not in listing
    assert client.get(reverse("admin:eindex_entry_change", args=[other.pk])).status_code in (
        302,
        403,
    )
    assert client.get(reverse("admin:eindex_entry_change", args=[own.pk])).status_code == 200


def test_a_partner_editor_cannot_give_an_entry_to_another_organisation(client, admin_login):
    mine, theirs = OrganisationFactory(), OrganisationFactory()
    admin_login(client, PartnerEditorFactory(organisations=[mine]))
    category = Category.objects.get(slug="legislation")
    response = client.post(
        reverse("admin:eindex_entry_add"),
        {
            "title": "Sneaky",
            "url": "https://sneaky.example.org/",
            "description": "x",
            "primary_category": category.pk,
            "owner": theirs.pk,
            "topics": "",
            "added_on": "2025-01-01",
        },
    )
    assert response.status_code == 200
    assert not Entry.objects.filter(title="Sneaky").exists()


def test_the_entry_list_shows_link_health(client, admin_login):
    entry = EntryFactory(title="Health shown")
    Link.objects.filter(url=entry.url).update(outcome=Outcome.BROKEN)
    admin_login(client, SuperUserFactory())
    html = client.get(reverse("admin:eindex_entry_changelist")).content.decode()
    assert "Health shown" in html and "Broken" in html


def test_partner_editors_cannot_moderate(client, admin_login):
    admin_login(client, PartnerEditorFactory(organisations=[OrganisationFactory()]))
    assert client.get(reverse("admin:eindex_suggestion_changelist")).status_code == 403
