from django import forms

from .models import Category, Suggestion, web_address

HONEYPOT_FIELD = "website"


class SuggestionForm(forms.ModelForm):
    """Anyone's suggestion of a link. `website` is a honeypot: people never see it,
    form-filling robots fill it in."""

    url = forms.URLField(
        label="Web address",
        max_length=2000,
        assume_scheme="https",
        validators=[web_address],
        help_text="For example, https://www.legislation.gov.uk/ukpga/2000/36",
        error_messages={
            "required": "Enter the web address of the page",
            "invalid": "Enter a web address in the correct format, like https://www.example.org/",
        },
        widget=forms.URLInput(attrs={"spellcheck": "false", "autocomplete": "url"}),
    )
    website = forms.CharField(
        required=False,
        label="Leave this field empty",
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    class Meta:
        model = Suggestion
        fields = ["title", "url", "category", "reason", "suggester_name", "suggester_email"]
        labels = {
            "title": "Name of the page or site",
            "category": "Which part of the e-index should it go in? (optional)",
            "reason": "Why should it be in the e-index?",
            "suggester_name": "Your name (optional)",
            "suggester_email": "Your e-mail address (optional)",
        }
        help_texts = {
            "reason": "A sentence or two on what people will find there and who it helps.",
            "suggester_email": "Only if you would like to hear whether we add it.",
            "category": "",
        }
        widgets = {
            "reason": forms.Textarea(attrs={"rows": 4}),
            "suggester_name": forms.TextInput(attrs={"autocomplete": "name"}),
            "suggester_email": forms.EmailInput(attrs={"autocomplete": "email"}),
        }
        error_messages = {
            "title": {"required": "Enter the name of the page or site"},
            "reason": {"required": "Tell us why it should be in the e-index"},
            "suggester_email": {
                "invalid": "Enter an e-mail address in the correct format, like name@example.org"
            },
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        categories = Category.objects.select_related("parent").order_by(
            "parent__position", "parent__name", "position", "name"
        )
        self.fields["category"].queryset = categories
        self.fields["category"].empty_label = "I am not sure"
        self.fields["category"].label_from_instance = lambda c: (
            f"{c.parent.name}: {c.name}" if c.parent_id else c.name
        )
        self.fields["reason"].max_length = 1000
        self.fields["reason"].widget.attrs["maxlength"] = 1000

    def clean_reason(self):
        reason = self.cleaned_data["reason"].strip()
        if len(reason) > 1000:
            raise forms.ValidationError("Keep the reason to 1,000 characters or fewer")
        return reason

    def clean(self):
        cleaned = super().clean()
        if cleaned.get(HONEYPOT_FIELD):
            raise forms.ValidationError(
                "We could not accept this suggestion. Please try again, or e-mail us instead.",
                code="honeypot",
            )
        return cleaned
