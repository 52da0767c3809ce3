"""Who may read, write and moderate. Answers are cached on the user object for one request.

A person belongs to an organisation through `user.organisations`; a group's forum is open
for writing (and, when private, for reading) to people of the group's convening and member
organisations. Belonging is membership, not a right beyond a member's: it needs neither a
role nor a second factor. Moderating (and reading every private forum and hidden thread)
needs the moderator role or a site administrator's, acting now with a second factor.
"""

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format


def is_moderator(user) -> bool:
    """Moderators (the role) and site administrators, with their second factor given."""
    if not (user.is_authenticated and user.is_active):
        return False
    if not hasattr(user, "_forums_moderator"):
        user._forums_moderator = user.acts_as_moderator()
    return user._forums_moderator


def holds_moderator_rights(user) -> bool:
    """Moderators (the role) and site administrators, whether or not this session has given
    its second factor yet: who is asked for one, and who cannot be suspended."""
    if not (user.is_authenticated and user.is_active):
        return False
    return user.is_site_administrator or user.is_moderator


def group_ids_of_member(user) -> set[int]:
    """The contacts groups whose organisations include one of `user`'s organisations."""
    if not user.is_authenticated:
        return set()
    if not hasattr(user, "_forums_group_ids"):
        from contacts.models import Group

        ids = user.member_organisation_ids()
        groups = Group.objects.filter(Q(members__in=ids) | Q(convenor__in=ids))
        user._forums_group_ids = set(groups.values_list("pk", flat=True)) if ids else set()
    return user._forums_group_ids


def remember_read_rights(users) -> None:
    """Answer is_moderator and group_ids_of_member for many users at once and cache the
    answers on each, as a request would: from their prefetched `organisations`, with one
    query for the groups of all their organisations. A batch (a digest) is no session with
    a second factor, so no one in it reads as a moderator: each reads as a member."""
    from contacts.models import Group

    organisations = {org.pk for user in users for org in user.organisations.all()}
    groups_of = defaultdict(set)
    if organisations:
        pairs = Group.objects.filter(
            Q(members__in=organisations) | Q(convenor__in=organisations)
        ).values_list("pk", "convenor_id", "members")
        for group_id, convenor_id, member_id in pairs:
            for organisation_id in (convenor_id, member_id):
                if organisation_id in organisations:
                    groups_of[organisation_id].add(group_id)
    for user in users:
        user._forums_moderator = user.acts_as_moderator()
        user._forums_group_ids = set().union(
            *(groups_of[org.pk] for org in user.organisations.all())
        )


def may_read_category(user, category) -> bool:
    """The read rule: a private forum is for its group's people and the moderators."""
    if not category.members_only or is_moderator(user):
        return True
    return category.group_id in group_ids_of_member(user)


def readable_categories(user, through="") -> Q:
    """may_read_category as a filter on categories, or on records `through` a category
    ("category__" for threads)."""
    if is_moderator(user):
        return Q()
    public = Q(**{f"{through}members_only": False})
    if not user.is_authenticated:
        return public
    return public | Q(**{f"{through}group__in": group_ids_of_member(user)})


def active_suspension(user):
    if not user.is_authenticated:
        return None
    if not hasattr(user, "_forums_suspension"):
        user._forums_suspension = user.forum_suspensions.in_force().order_by("-ends_at").first()
    return user._forums_suspension


def is_member(user) -> bool:
    if not user.is_authenticated:
        return False
    if not hasattr(user, "_forums_member"):
        user._forums_member = user.is_member
    return user._forums_member


@dataclass(frozen=True)
class Refusal:
    """Why someone may not post here, in words to show them, with a way forward if any."""

    message: str
    link_text: str = ""
    link_href: str = ""


def posting_refusal(user, category, thread=None, *, next_url=""):
    """None when `user` may post in `category` (a reply to `thread`); otherwise a Refusal."""
    if not user.is_authenticated:
        login = reverse("account_login")
        return Refusal(
            "Sign in to take part in the discussion.",
            "Sign in",
            f"{login}?next={next_url}" if next_url else login,
        )
    if not user.is_active:
        return Refusal("This account cannot post.")
    if not is_member(user):
        return Refusal(
            "Confirm your e-mail address before you post: follow the link in the e-mail we "
            "sent you.",
            "Manage your e-mail addresses",
            reverse("account_email"),
        )
    suspension = active_suspension(user)
    if suspension is not None:
        until = date_format(timezone.localtime(suspension.ends_at), "j F Y \\a\\t g:i a")
        return Refusal(
            f"You cannot post until {until}. A moderator suspended you: {suspension.reason}"
        )
    if thread is not None and thread.is_locked and not is_moderator(user):
        return Refusal("This thread is locked: no one can reply to it.")
    if thread is not None and thread.is_hidden and not is_moderator(user):
        return Refusal("This thread has been hidden by a moderator.")
    outsider = category.group_id and category.group_id not in group_ids_of_member(user)
    if outsider and not is_moderator(user):
        return Refusal(
            f"Only people from the organisations of {category.group.name} can post in this forum."
        )
    return None
