from django import forms
from django.utils import timezone

from . import limits
from .models import Category, FlagReason

HONEYPOT_FIELD = "website"
MARKDOWN_HINT = (
    "You can use Markdown: *italics*, **bold**, a line starting with > for a quotation, "
    "- for a list, and [link text](https://example.org) for a link. Choose Preview to see "
    "how it will look."
)
MAX_POST_LENGTH = 20_000


class PostingForm(forms.Form):
    """What every form that publishes text shares: the body, the honeypot and the limits.

    `website` is a honeypot: people never see it, form-filling robots fill it in. With
    `preview=True` the rate limits are not applied (previewing publishes nothing); the
    new-account link rule is, so the preview says at once that the link must go.
    """

    body = forms.CharField(
        label="Your message",
        help_text=MARKDOWN_HINT,
        max_length=MAX_POST_LENGTH,
        widget=forms.Textarea(attrs={"rows": 8, "spellcheck": "true"}),
        error_messages={
            "required": "Enter your message",
            "max_length": "Your message must be 20,000 characters or fewer",
        },
    )
    website = forms.CharField(
        required=False,
        label="Leave this field empty",
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )
    apply_rate_limits = True

    def __init__(self, user, *args, preview=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.preview = preview

    def clean_body(self):
        body = self.cleaned_data["body"].strip()
        if not body:
            raise forms.ValidationError("Enter your message", code="required")
        refusal = limits.link_refusal(self.user, body)
        if refusal:
            raise forms.ValidationError(refusal, code="new_account_link")
        return body

    def clean(self):
        cleaned = super().clean()
        if cleaned.get(HONEYPOT_FIELD):
            raise forms.ValidationError(
                "We could not accept this post. Please try again.", code="honeypot"
            )
        if self.apply_rate_limits and not self.preview:
            refusal = limits.rate_refusal(self.user, timezone.now())
            if refusal:
                raise forms.ValidationError(refusal, code="rate_limited")
        return cleaned


class ReplyForm(PostingForm):
    body = forms.CharField(
        label="Your reply",
        help_text=MARKDOWN_HINT,
        max_length=MAX_POST_LENGTH,
        widget=forms.Textarea(attrs={"rows": 8, "spellcheck": "true"}),
        error_messages={
            "required": "Enter your reply",
            "max_length": "Your reply must be 20,000 characters or fewer",
        },
    )


class ThreadForm(PostingForm):
    title = forms.CharField(
        label="Title",
        max_length=150,
        help_text="Say what the discussion is about, in a few words.",
        error_messages={
            "required": "Enter a title",
            "max_length": "The title must be 150 characters or fewer",
        },
    )
    field_order = ["title", "body", "website"]

    def clean_title(self):
        title = " ".join(self.cleaned_data["title"].split())
        if not title:
            raise forms.ValidationError("Enter a title", code="required")
        refusal = limits.link_refusal(self.user, title)
        if refusal:
            raise forms.ValidationError(refusal, code="new_account_link")
        return title


class EditPostForm(PostingForm):
    """Changing a post within the edit window; the first post's form also has the title."""

    apply_rate_limits = False

    def __init__(self, user, *args, with_title=False, **kwargs):
        super().__init__(user, *args, **kwargs)
        if with_title:
            self.fields["title"] = ThreadForm.base_fields["title"]
            self.order_fields(["title", "body", "website"])

    clean_title = ThreadForm.clean_title


class FlagForm(forms.Form):
    reason = forms.ChoiceField(
        label="Why should moderators look at this post?",
        choices=FlagReason.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose why moderators should look at this post"},
    )
    details = forms.CharField(
        label="Anything else moderators should know",
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"max_length": "Keep it to 1,000 characters or fewer"},
    )


class ModerationForm(forms.Form):
    reason = forms.CharField(
        label="Reason",
        help_text="It goes in the moderation log, for other moderators to read.",
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            "required": "Enter the reason for this action",
            "max_length": "Keep the reason to 1,000 characters or fewer",
        },
    )


class MoveThreadForm(ModerationForm):
    category = forms.ModelChoiceField(
        label="Move to",
        queryset=Category.objects.none(),
        empty_label=None,
        error_messages={"required": "Choose the category to move the thread to"},
    )
    field_order = ["category", "reason"]

    def __init__(self, thread, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = Category.objects.exclude(pk=thread.category_id)


SUSPENSION_DAYS = [(1, "1 day"), (7, "7 days"), (30, "30 days"), (90, "90 days"), (365, "1 year")]


class SuspendForm(ModerationForm):
    days = forms.TypedChoiceField(
        label="For how long?",
        choices=SUSPENSION_DAYS,
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose how long the suspension lasts"},
    )
    field_order = ["days", "reason"]
