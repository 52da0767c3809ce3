"""Who may see what of a contact, and the one shape in which pages receive a contact."""

from dataclasses import dataclass, field

from .models import Contact, Organisation, Visibility

# Each audience sees its own level and every level below it.
LEVELS = (Visibility.PUBLIC, Visibility.PARTNERS, Visibility.STAFF)


def audience_for(user) -> Visibility:
    """Which visibility level a viewer reaches.

    "Staff" means the LondonConnects team (site administrators); partner editors, who
    also use the admin, reach "partners"; everyone else, signed in or not, "public".
    """
    if not user.is_authenticated or not user.is_active:
        return Visibility.PUBLIC
    if user.is_superuser:
        return Visibility.STAFF
    if user.editable_organisation_ids():
        return Visibility.PARTNERS
    return Visibility.PUBLIC


def levels_seen_by(audience: Visibility) -> list[str]:
    """The visibility values an audience may see, e.g. partners see public and partners."""
    return [level.value for level in LEVELS[: LEVELS.index(Visibility(audience)) + 1]]


@dataclass(frozen=True)
class ContactEntry:
    """A contact as one viewer may see it: hidden fields are empty, so a template that
    receives an entry cannot show what the viewer may not see."""

    name: str
    slug: str
    url: str
    organisation: Organisation
    job_title: str = ""
    email: str = ""
    phone: str = ""
    profile: str = ""
    role_areas: tuple = field(default_factory=tuple)
    is_due_for_review: bool = False
    listing_visibility: str = Visibility.PUBLIC

    @classmethod
    def of(cls, contact: Contact, audience: Visibility) -> "ContactEntry":
        """Build the entry; the caller prefetches `role_areas` and selects `organisation`."""
        shown = {
            name: getattr(contact, name)
            for name in Contact.VISIBILITY_FIELDS
            if contact.is_field_visible(name, audience)
        }
        return cls(
            name=contact.name,
            slug=contact.slug,
            url=contact.get_absolute_url(),
            organisation=contact.organisation,
            role_areas=tuple(contact.role_areas.all()),
            is_due_for_review=contact.is_due_for_review,
            listing_visibility=contact.listing_visibility,
            **shown,
        )
