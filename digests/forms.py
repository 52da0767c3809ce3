from django import forms
from django.db import transaction
from taggit.models import Tag

from core import registry

from . import saved
from .models import Frequency, SavedSearch, Subscriber
from .subscriptions import renew_unsubscribe_links
from .tokens import new_link_key

SCHEDULED_CHOICES = [(f.value, f.label) for f in Frequency if f != Frequency.IMMEDIATELY]
FREQUENCY_HELP = "How often we e-mail you about these. Off stops them."


def frequency_field(label, choices=SCHEDULED_CHOICES, help_text=FREQUENCY_HELP):
    return forms.ChoiceField(
        label=label, choices=choices, widget=forms.RadioSelect, help_text=help_text
    )


class SubscriptionsForm(forms.Form):
    """Everything a member hears about by e-mail, on one page (it takes the member)."""

    watches = forms.MultipleChoiceField(
        label="Threads and forums you watch",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Untick one to stop watching it. Watch more from any thread or forum page.",
    )
    forum_frequency = frequency_field(
        "How often to tell you about new posts in them",
        choices=[(f.value, f.label) for f in Frequency],
        help_text="“Immediately” sends one e-mail for each new post; the others collect "
        "them in a digest.",
    )
    topics = forms.ModelMultipleChoiceField(
        label="Topics you follow",
        queryset=Tag.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        to_field_name="slug",
        help_text="New and updated projects, funding, papers, events, e-index links and "
        "discussions on these topics.",
    )
    topic_frequency = frequency_field("How often to tell you about your topics")
    applicant_kinds = forms.ModelMultipleChoiceField(
        label="Funding open to",
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        to_field_name="slug",
        help_text="Leave all unticked for funding open to anyone.",
    )
    deadline_frequency = frequency_field(
        "How often to tell you about funding deadlines",
        help_text="Rounds closing within 14 days, on the topics you follow above (any topic "
        "if you follow none). Off stops them.",
    )
    organisation_frequency = frequency_field(
        "How often to tell you about your organisations’ broken links and overdue reviews"
    )

    def __init__(self, member, *args, **kwargs):
        self.member = member
        self.subscriber = Subscriber.objects.filter(member=member).first() or Subscriber(
            member=member
        )
        self.watch_list = registry.forum_watches().watches_of(member)
        super().__init__(*args, initial=self._initial(), **kwargs)
        self.fields["watches"].choices = self.watch_list
        if not self.watch_list:
            del self.fields["watches"]
        self.fields["topics"].queryset = (
            Tag.objects.filter(taggit_taggeditem_items__isnull=False).distinct().order_by("name")
        )
        self.fields["applicant_kinds"].queryset = registry.funding_deadlines().applicant_kinds()
        if not member.editable_organisation_ids():
            del self.fields["organisation_frequency"]

    def _initial(self):
        subscriber = self.subscriber
        initial = {
            "watches": [key for key, _ in self.watch_list],
            "forum_frequency": subscriber.forum_frequency,
            "topic_frequency": subscriber.topic_frequency,
            "deadline_frequency": subscriber.deadline_frequency,
            "organisation_frequency": subscriber.organisation_frequency,
        }
        if subscriber.pk:
            initial["topics"] = [t.slug for t in subscriber.topics.all()]
            initial["applicant_kinds"] = [k.slug for k in subscriber.applicant_kinds.all()]
        return initial

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("topic_frequency", Frequency.OFF) != Frequency.OFF and not cleaned.get(
            "topics"
        ):
            self.add_error("topics", "Choose at least one topic, or choose Off for your topics.")
        return cleaned

    @transaction.atomic
    def save(self):
        subscriber = self.subscriber
        for name in (
            "forum_frequency",
            "topic_frequency",
            "deadline_frequency",
            "organisation_frequency",
        ):
            if name in self.cleaned_data:
                setattr(subscriber, name, self.cleaned_data[name])
        subscriber.link_key = new_link_key()
        subscriber.save()
        subscriber.topics.set(self.cleaned_data["topics"])
        subscriber.applicant_kinds.set(self.cleaned_data["applicant_kinds"])
        kept = set(self.cleaned_data.get("watches", ()))
        dropped = [key for key, _ in self.watch_list if key not in kept]
        if dropped:
            registry.forum_watches().stop_watching(self.member, dropped)
        return subscriber


class SavedSearchForm(forms.ModelForm):
    """Name and frequency of a saved search; a new one also carries its scope and query."""

    name = forms.CharField(
        label="Name of this alert",
        max_length=120,
        help_text="It heads the alert’s part of your e-mails.",
    )
    frequency = frequency_field("How often to e-mail you new matches")

    class Meta:
        model = SavedSearch
        fields = ["name", "frequency"]

    def __init__(self, member, *args, **kwargs):
        self.member = member
        super().__init__(*args, **kwargs)

    def clean(self):
        cleaned = super().clean()
        search = self.instance
        duplicate = (
            SavedSearch.objects.filter(member=self.member, scope=search.scope, query=search.query)
            .exclude(pk=search.pk)
            .first()
        )
        if duplicate is not None:
            raise forms.ValidationError(
                f"You already have this search saved, as “{duplicate.name}”. Change it from "
                "your subscriptions page."
            )
        return cleaned

    def save(self, commit=True):
        self.instance.member = self.member
        search = super().save(commit)
        if commit:
            renew_unsubscribe_links(self.member)
        return search


def new_saved_search(member, scope, params):
    """An unsaved SavedSearch for `params` on `scope` (saved.InvalidSearch if it cannot be)."""
    query = saved.canonical_query(scope, params)
    return SavedSearch(
        member=member,
        scope=scope,
        query=query,
        name=saved.default_name(scope, query),
        frequency=Frequency.WEEKLY,
    )
