"""Template helpers that render Django forms and values with GOV.UK Frontend markup."""

from django import template

register = template.Library()

_WIDGET_CLASSES = {
    "textarea": "govuk-textarea",
    "select": "govuk-select",
    "selectmultiple": "govuk-select",
    "clearablefile": "govuk-file-upload",
    "file": "govuk-file-upload",
}
_GROUPED_WIDGETS = {"radioselect", "checkboxselectmultiple"}


def _described_by(field):
    ids = []
    if field.help_text:
        ids.append(f"{field.auto_id}-hint")
    if field.errors:
        ids.append(f"{field.auto_id}-error")
    return " ".join(ids)


@register.simple_tag
def govuk_widget(field, css_class=""):
    """Render a field's widget with its GOV.UK class, error state and hint/error references."""
    base = css_class or _WIDGET_CLASSES.get(field.widget_type, "govuk-input")
    classes = [base]
    if field.errors and not css_class:
        classes.append(f"{base}--error")
    existing = field.field.widget.attrs.get("class")
    if existing:
        classes.append(existing)
    attrs = {"class": " ".join(classes)}
    described_by = _described_by(field)
    if described_by:
        attrs["aria-describedby"] = described_by
    return field.as_widget(attrs=attrs)


@register.filter
def described_by(field):
    return _described_by(field)


@register.filter
def error_anchor(field):
    """The id the error summary links to: the first option of a radio or checkbox group."""
    if field.widget_type in _GROUPED_WIDGETS:
        return f"{field.auto_id}_0"
    return field.id_for_label or field.auto_id


@register.filter
def is_grouped(field):
    return field.widget_type in _GROUPED_WIDGETS
