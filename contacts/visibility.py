"""The one shape in which pages receive a contact: what one viewer may see of it."""

from dataclasses import dataclass, field

from .audiences import Visibility, audience_for, levels_seen_by
from .models import Contact, Organisation

__all__ = ["ContactEntry", "audience_for", "levels_seen_by"]


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
