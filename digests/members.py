"""Who gets e-mail, and the members of one batch loaded with everything they follow.

Only active members with a verified primary address who are not suspended from the forums
get anything; they are sent to that address (which may differ from the sign-in e-mail).
"""

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.db.models import Exists, OuterRef, Prefetch, Q, Subquery

from accounts.models import Role
from core import registry

from .models import Frequency, SavedSearch, Subscriber, default_forum_frequency


def reachable_members(at):
    """Members who may be sent e-mail at `at`, with their verified address as `address`."""
    verified = EmailAddress.objects.filter(user=OuterRef("pk"), verified=True, primary=True)
    return (
        get_user_model()
        .objects.filter(is_active=True)
        .annotate(address=Subquery(verified.values("email")[:1]))
        .filter(address__isnull=False)
        .exclude(registry.forum_watches().suspended(at))
    )


def following(kind, at):
    """Reachable members with at least one subscription at frequency `kind`."""
    subscriber = Subscriber.objects.filter(member=OuterRef("pk"))
    watches = registry.forum_watches().watchers()
    User = get_user_model()
    organisations = User.organisations.through.objects.filter(user=OuterRef("pk"))
    editor_role = User.groups.through.objects.filter(
        user=OuterRef("pk"), group__name=Role.PARTNER_EDITOR.value
    )
    wanted = (
        (Exists(subscriber.filter(forum_frequency=kind)) & watches)
        | Exists(subscriber.filter(topic_frequency=kind, topics__isnull=False))
        | Exists(subscriber.filter(deadline_frequency=kind))
        | (
            Exists(subscriber.filter(organisation_frequency=kind))
            & Q(is_staff=True)
            & Exists(editor_role)
            & Exists(organisations)
        )
        | Exists(SavedSearch.objects.filter(member=OuterRef("pk"), frequency=kind))
    )
    if default_forum_frequency() == kind:
        wanted |= ~Exists(subscriber) & watches
    return reachable_members(at).filter(wanted)


def load_batch(kind, at, member_ids):
    """The batch's reachable members with their subscriptions, saved searches, organisations
    and roles: a fixed number of queries however many members."""
    members = list(
        reachable_members(at)
        .filter(pk__in=member_ids)
        .select_related("digest_subscriber")
        .prefetch_related(
            "digest_subscriber__topics",
            "digest_subscriber__applicant_kinds",
            Prefetch(
                "saved_searches",
                queryset=SavedSearch.objects.filter(frequency=kind).order_by("name", "pk"),
            ),
            "organisations",
            "groups",
        )
        .order_by("pk")
    )
    for member in members:
        try:
            member.subscriber = member.digest_subscriber
        except Subscriber.DoesNotExist:
            member.subscriber = None
    return members


def forum_frequency(member):
    subscriber = getattr(member, "subscriber", None)
    return subscriber.forum_frequency if subscriber is not None else default_forum_frequency()


def immediate_watchers(post):
    """Members to tell at once of `post` (a registry.ForumPost): watchers of its thread (of
    its forum, for a new thread) who asked for forum news immediately, never its author."""
    chosen = Q(digest_subscriber__forum_frequency=Frequency.IMMEDIATELY)
    if default_forum_frequency() == Frequency.IMMEDIATELY:
        chosen |= Q(digest_subscriber__isnull=True)
    watchers = registry.forum_watches().watchers_of(post)
    members = reachable_members(post.created_at).filter(watchers).filter(chosen)
    if post.author_id:
        members = members.exclude(pk=post.author_id)
    return members


def organisations_reported_to(member):
    """The organisations whose broken links and overdue reviews `member` hears of: those of
    a partner editor as the role and staff status stand now (the batch prefetches both);
    organisations left on a former editor's profile bring nothing."""
    editor = member.is_staff and any(
        group.name == Role.PARTNER_EDITOR.value for group in member.groups.all()
    )
    return {org.pk for org in member.organisations.all()} if editor else set()
