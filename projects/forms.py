from django import forms
from django.conf import settings

from core import limits

from .models import ProblemReport

HONEYPOT_FIELD = "website"
MAX_DETAILS_LENGTH = 3000
HOUR, DAY = 60 * 60, 24 * 60 * 60
RATE_LIMITED = "rate_limited"


class ProblemReportForm(forms.ModelForm):
    """A visitor tells the project's owner that something on its page is wrong.

    `website` is a honeypot: people never see it, form-filling robots fill it in.
    """

    website = forms.CharField(
        required=False,
        label="Leave this field empty",
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    class Meta:
        model = ProblemReport
        fields = ["details", "reporter_name", "reporter_email"]
        labels = {
            "details": "What is wrong or out of date?",
            "reporter_name": "Your name",
            "reporter_email": "Your e-mail address",
        }
        help_texts = {
            "details": "For example, a new end date, a partner that has left, or a link that "
            "no longer works. Do not include personal or financial information.",
            "reporter_email": "Only if you would like a reply. We will not use it for "
            "anything else.",
        }
        widgets = {
            "details": forms.Textarea(attrs={"rows": 6}),
            "reporter_name": forms.TextInput(attrs={"autocomplete": "name"}),
            "reporter_email": forms.EmailInput(attrs={"autocomplete": "email"}),
        }
        error_messages = {
            "details": {"required": "Tell us what is wrong or out of date"},
            "reporter_email": {
                "invalid": "Enter an e-mail address in the correct format, like name@example.org"
            },
        }

    def __init__(self, user, project, *args, **kwargs):
        if user.is_authenticated and "data" not in kwargs:
            kwargs.setdefault(
                "initial", {"reporter_name": user.full_name, "reporter_email": user.email}
            )
        super().__init__(*args, **kwargs)
        self.user = user
        self.project = project

    def clean_details(self):
        details = self.cleaned_data["details"].strip()
        if len(details) > MAX_DETAILS_LENGTH:
            raise forms.ValidationError("Tell us in 3,000 characters or fewer")
        return details

    def clean(self):
        cleaned = super().clean()
        if cleaned.get(HONEYPOT_FIELD):
            raise forms.ValidationError(
                "We could not accept this report. Please try again, or e-mail us instead.",
                code="honeypot",
            )
        return cleaned

    def within_sending_limits(self, request) -> bool:
        """Count this report against its sender and the organisation whose editors it is
        mailed to; False, with the reason on the form, once either has had its share."""
        if not limits.allow_visitor(
            request,
            "projects:report:visitor",
            settings.PROBLEM_REPORTS_PER_VISITOR_PER_HOUR,
            HOUR,
        ):
            self.add_error(
                None,
                forms.ValidationError(
                    "You have sent several reports in the last hour. Wait an hour and send "
                    "this one again: what you wrote is still here.",
                    code=RATE_LIMITED,
                ),
            )
            return False
        owner = self.project.lead_organisation
        if not limits.allow_for(
            "projects:report:owner",
            str(owner.pk),
            settings.PROBLEM_REPORTS_PER_OWNER_PER_DAY,
            DAY,
        ):
            self.add_error(
                None,
                forms.ValidationError(
                    f"Many problems have been reported today with pages kept by {owner.name}. "
                    "Send this report again tomorrow: what you wrote is still here.",
                    code=RATE_LIMITED,
                ),
            )
            return False
        return True

    def save(self, commit=True):
        self.instance.project = self.project
        return super().save(commit)
