from django import template

from funding.deadlines import date_and_time

register = template.Library()


@register.simple_tag
def deadline_in_words(funding_round, now=None):
    """ "closes in 12 days, on Friday 5 June 2026, 12:00" or "rolling: ..."."""
    return funding_round.deadline_in_words(now)


@register.filter
def london_date_time(moment):
    """Friday 5 June 2026, 12:00 in London time."""
    return date_and_time(moment) if moment else ""
