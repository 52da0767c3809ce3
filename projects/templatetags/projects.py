from decimal import Decimal

from django import template

from projects.models import ProjectStatus

register = template.Library()


@register.filter
def gbp(amount):
    """£1,200,000 for whole pounds, £1,250.50 otherwise; empty for no amount."""
    if amount is None or amount == "":
        return ""
    amount = Decimal(amount)
    if amount == amount.to_integral_value():
        return f"£{amount:,.0f}"
    return f"£{amount:,.2f}"


@register.simple_tag
def date_span(start, end):
    """'1 April 2003 to 31 March 2006', 'From 1 April 2003', 'Until ...' or ''."""

    def day(value):
        return f"{value.day} {value:%B %Y}"

    if start and end:
        return f"{day(start)} to {day(end)}"
    if start:
        return f"From {day(start)}"
    if end:
        return f"Until {day(end)}"
    return ""


STATUS_TAG_CLASSES = {
    ProjectStatus.PROPOSED: "govuk-tag--blue",
    ProjectStatus.ACTIVE: "govuk-tag--green",
    ProjectStatus.COMPLETED: "govuk-tag--grey",
    ProjectStatus.CLOSED: "govuk-tag--orange",
}


@register.filter
def status_tag_class(status):
    return STATUS_TAG_CLASSES.get(status, "govuk-tag--grey")
