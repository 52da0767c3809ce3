from django import forms
from django.conf import settings

from core import limits

from .models import Contact, CorrectionRequest, RequestKind

HONEYPOT_FIELD = "website"
HOUR, DAY = 60 * 60, 24 * 60 * 60
RATE_LIMITED = "rate_limited"


class CorrectionRequestForm(forms.ModelForm):
    """A person's request to correct, object to or remove a directory entry.

    The entry concerned comes as a slug (from the "Is this you?" link) and is looked up
    among the entries the viewer may see, so the form never confirms that a hidden entry
    exists. `website` is a honeypot: people never see it, form-filling robots fill it in.
    """

    contact = forms.CharField(required=False, widget=forms.HiddenInput)
    website = forms.CharField(
        required=False,
        label="Leave this field empty",
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    class Meta:
        model = CorrectionRequest
        fields = ["kind", "requester_name", "requester_email", "details"]
        labels = {
            "kind": "What would you like us to do?",
            "requester_name": "Your name",
            "requester_email": "Your e-mail address",
            "details": "Tell us what should change",
        }
        help_texts = {
            "requester_email": "We will only use this to reply to your request.",
            "details": "Say which entry it is if you did not come from one, and what is wrong "
            "or what you would like removed.",
        }
        widgets = {
            "kind": forms.RadioSelect,
            "requester_email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "requester_name": forms.TextInput(attrs={"autocomplete": "name"}),
            "details": forms.Textarea(attrs={"rows": 6}),
        }
        error_messages = {
            "kind": {"required": "Choose what you would like us to do"},
            "requester_name": {"required": "Enter your name"},
            "requester_email": {
                "required": "Enter your e-mail address",
                "invalid": "Enter an e-mail address in the correct format, like name@example.org",
            },
            "details": {"required": "Tell us what should change"},
        }

    def __init__(self, user, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["kind"].choices = RequestKind.choices

    def visible_contacts(self):
        return Contact.objects.visible_to(self.user).select_related("organisation")

    def entry_concerned(self):
        """The contact the request is about, if the slug names one this viewer may see."""
        slug = (self["contact"].value() or "").strip()
        if not slug:
            return None
        return self.visible_contacts().filter(slug=slug).first()

    def clean_contact(self):
        return self.entry_concerned()

    def clean(self):
        cleaned = super().clean()
        if cleaned.get(HONEYPOT_FIELD):
            raise forms.ValidationError(
                "We could not accept this request. Please try again, or e-mail us instead.",
                code="honeypot",
            )
        return cleaned

    def within_sending_limits(self, request) -> bool:
        """Count this request against its sender and its requester's address (each gets a
        receipt); False, with the reason on the form, once either has had its share."""
        if not limits.allow_visitor(
            request,
            "contacts:request:visitor",
            settings.CORRECTION_REQUESTS_PER_VISITOR_PER_HOUR,
            HOUR,
        ):
            self.add_error(
                None,
                forms.ValidationError(
                    "You have sent several requests in the last hour. Wait an hour and send "
                    "this one again: what you wrote is still here.",
                    code=RATE_LIMITED,
                ),
            )
            return False
        if not limits.allow_for(
            "contacts:request:address",
            self.cleaned_data["requester_email"],
            settings.CORRECTION_REQUESTS_PER_ADDRESS_PER_DAY,
            DAY,
        ):
            self.add_error(
                None,
                forms.ValidationError(
                    "We have had several requests from this e-mail address today. Send this "
                    "one again tomorrow: what you wrote is still here.",
                    code=RATE_LIMITED,
                ),
            )
            return False
        return True

    def save(self, commit=True):
        self.instance.contact = self.cleaned_data.get("contact")
        return super().save(commit)
