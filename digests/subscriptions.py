"""Turning a list off: what one-click unsubscribe does, and what it would stop."""

from django.contrib.auth import get_user_model
from django.db import transaction

from core import registry

from .models import Frequency, SavedSearch, Subscriber, default_forum_frequency
from .tokens import new_link_key

FREQUENCY_FIELDS = {
    "forum_frequency": "New posts in the threads and forums you watch",
    "topic_frequency": "News on the topics you follow",
    "deadline_frequency": "Funding deadlines",
    "organisation_frequency": "Your organisations’ broken links and overdue reviews",
}


def renew_unsubscribe_links(member):
    """A change of subscriptions retires the unsubscribe links of the e-mails sent before."""
    Subscriber.objects.update_or_create(member=member, defaults={"link_key": new_link_key()})


def subscriptions_at(member, kind) -> list[str]:
    """What the member gets at frequency `kind`, in words that name nothing of theirs (no
    forum, no saved search): the unsubscribe page shows them to whoever has the link."""
    subscriber = Subscriber.objects.filter(member=member).first()
    if subscriber is None:
        watches = registry.forum_watches().watchers()
        watching = get_user_model().objects.filter(watches, pk=member.pk)
        found = (
            [FREQUENCY_FIELDS["forum_frequency"]]
            if default_forum_frequency() == kind and watching.exists()
            else []
        )
    else:
        found = [
            label for name, label in FREQUENCY_FIELDS.items() if getattr(subscriber, name) == kind
        ]
    searches = SavedSearch.objects.filter(member=member, frequency=kind).count()
    if searches:
        found.append(f"Alerts for {searches} saved search{'es' if searches != 1 else ''}")
    return found


@transaction.atomic
def unsubscribe(member, kind) -> int:
    """Turn off everything the member gets at frequency `kind`; returns how many things."""
    subscriber, _ = Subscriber.objects.select_for_update().get_or_create(member=member)
    stopped = 0
    for name in FREQUENCY_FIELDS:
        if getattr(subscriber, name) == kind:
            setattr(subscriber, name, Frequency.OFF)
            stopped += 1
    subscriber.link_key = new_link_key()
    subscriber.save()
    stopped += SavedSearch.objects.filter(member=member, frequency=kind).update(
        frequency=Frequency.OFF
    )
    return stopped
