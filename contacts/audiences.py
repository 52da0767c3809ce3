"""Who may see what of a contact: the visibility levels and which one a viewer reaches.

Kept apart from models.py so that the contact queryset can ask it without an import cycle.
"""

from django.db import models


class Visibility(models.TextChoices):
    PUBLIC = "public", "Public"
    PARTNERS = "partners", "Partners only"
    STAFF = "staff", "Staff only"


# Each audience sees its own level and every level below it.
LEVELS = (Visibility.PUBLIC, Visibility.PARTNERS, Visibility.STAFF)


def audience_for(user) -> Visibility:
    """Which visibility level a viewer reaches.

    "Staff" means the LondonConnects team (site administrators); partner editors, who
    also use the admin, reach "partners"; everyone else, signed in or not, "public". Both
    need their rights acting now (a second factor in this session: accounts.models.User).
    """
    if not user.is_authenticated or not user.is_active:
        return Visibility.PUBLIC
    if user.acts_as_site_administrator():
        return Visibility.STAFF
    if user.editable_organisation_ids():
        return Visibility.PARTNERS
    return Visibility.PUBLIC


def levels_seen_by(audience: Visibility) -> list[str]:
    """The visibility values an audience may see, e.g. partners see public and partners."""
    return [level.value for level in LEVELS[: LEVELS.index(Visibility(audience)) + 1]]
