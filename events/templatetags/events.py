from django import template

from core.calendars import time_span

register = template.Library()


@register.simple_tag
def event_when(event):
    """ "Tuesday 14 March 2006, 09:30 to 17:00" in London time."""
    return time_span(event.starts_at, event.ends_at)
