from django.utils import timezone

from .models import Entry


def note_verified_links(sender, working, **kwargs):
    """linkcheck.signals.links_checked receiver: an entry whose link was found working was
    verified today. An update, not a save: nothing else about the entry changed."""
    if working:
        Entry.objects.filter(url__in=working).update(last_verified_on=timezone.localdate())
