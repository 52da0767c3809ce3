from django import template

register = template.Library()


@register.filter
def duration_in_words(value):
    """A timedelta as "1 hour", "30 minutes" or "1 hour and 30 minutes"."""
    minutes = int(value.total_seconds() // 60)
    hours, minutes = divmod(minutes, 60)
    parts = []
    if hours:
        parts.append(f"{hours} hour{'s' if hours != 1 else ''}")
    if minutes or not parts:
        parts.append(f"{minutes} minute{'s' if minutes != 1 else ''}")
    return " and ".join(parts)
