from django.forms.renderers import TemplatesSetting


class GovukFormRenderer(TemplatesSetting):
    """Renders every Django form with GOV.UK Frontend markup (see templates/components/forms/)."""

    form_template_name = "components/forms/form.html"
    field_template_name = "components/forms/field.html"
