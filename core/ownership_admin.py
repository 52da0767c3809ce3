"""Admin parts for owned content (core.ownership.OwnedContent): the "needs review" list
filter, the bulk "mark reviewed" action, and topic autocomplete that can also add a topic.

Put `OwnedContentAdmin` before admin.ModelAdmin (after OrganisationScopedAdmin, which keeps
the scoping rule); `TopicsAdmin` alone gives the topic autocomplete to other models with
topics (forum categories). Like ownership.py it imports no content app.
"""

from django import forms
from django.contrib import admin
from django.contrib.admin.widgets import AutocompleteSelectMultiple
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import JsonResponse
from django.urls import path, reverse
from taggit.managers import TaggableManager
from taggit.models import Tag

TOPICS_PER_PAGE = 20
MAX_TOPIC_LENGTH = 100


class NeedsReviewFilter(admin.SimpleListFilter):
    title = "review"
    parameter_name = "review"

    def lookups(self, request, model_admin):
        return (
            ("due", "Needs review (not reviewed for 12 months)"),
            ("current", "Reviewed in the last 12 months"),
        )

    def queryset(self, request, queryset):
        if self.value() == "due":
            return queryset.needs_review()
        if self.value() == "current":
            return queryset.reviewed_recently()
        return queryset


class TopicsWidget(forms.SelectMultiple):
    """A select2 box (the admin's own autocomplete) that searches the shared topics and lets
    the editor type a new one. Option values are topic names, not keys."""

    def __init__(self, url, attrs=None):
        super().__init__(attrs)
        self.url = url

    @property
    def media(self):
        return AutocompleteSelectMultiple(None, None).media

    def build_attrs(self, base_attrs, extra_attrs=None):
        attrs = super().build_attrs(base_attrs, extra_attrs)
        attrs.setdefault("class", "")
        attrs.update(
            {
                "class": f"{attrs['class']} admin-autocomplete".strip(),
                "data-ajax--url": self.url,
                "data-ajax--cache": "true",
                "data-ajax--delay": 250,
                "data-ajax--type": "GET",
                "data-tags": "true",
                "data-theme": "admin-autocomplete",
                "data-allow-clear": "false",
                "data-placeholder": "Type to find a topic, or to add a new one",
            }
        )
        return attrs

    def format_value(self, value):
        return [str(getattr(item, "name", item)) for item in (value or []) if item]

    def optgroups(self, name, value, attrs=None):
        self.choices = [(topic, topic) for topic in value]
        return super().optgroups(name, value, attrs)


class TopicsField(forms.MultipleChoiceField):
    """Topic names; any name is valid, and a new one becomes a new topic when saved."""

    def valid_value(self, value):
        return 0 < len(value.strip()) <= MAX_TOPIC_LENGTH

    def clean(self, value):
        names = super().clean(value)
        return sorted({name.strip() for name in names if name.strip()}, key=str.casefold)


class TopicsAdmin:
    """ModelAdmin mixin: the model's topics (a TaggableManager) edited with autocomplete over
    the shared topics, where the editor may also type a new one."""

    def _topics_url_name(self):
        opts = self.model._meta
        return f"{opts.app_label}_{opts.model_name}_topics_autocomplete"

    def get_urls(self):
        own = [
            path(
                "topics-autocomplete/",
                self.admin_site.admin_view(self.topics_autocomplete_view),
                name=self._topics_url_name(),
            )
        ]
        return own + super().get_urls()

    def topics_autocomplete_view(self, request):
        if not (self.has_add_permission(request) or self.has_change_permission(request)):
            raise PermissionDenied
        term = request.GET.get("term", "").strip()[:MAX_TOPIC_LENGTH]
        try:
            page = max(1, int(request.GET.get("page") or 1))
        except ValueError:
            page = 1
        topics = Tag.objects.order_by("name")
        if term:
            topics = topics.filter(name__icontains=term)
        start = (page - 1) * TOPICS_PER_PAGE
        names = list(topics.values_list("name", flat=True)[start : start + TOPICS_PER_PAGE + 1])
        return JsonResponse(
            {
                "results": [{"id": name, "text": name} for name in names[:TOPICS_PER_PAGE]],
                "pagination": {"more": len(names) > TOPICS_PER_PAGE},
            }
        )

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if isinstance(db_field, TaggableManager):
            url = reverse(f"{self.admin_site.name}:{self._topics_url_name()}")
            return TopicsField(
                label=db_field.verbose_name.capitalize(),
                required=not db_field.blank,
                help_text=db_field.help_text,
                widget=TopicsWidget(url),
            )
        return super().formfield_for_dbfield(db_field, request, **kwargs)


class OwnedContentAdmin(TopicsAdmin):
    """ModelAdmin mixin for OwnedContent: review filter and action, topic autocomplete."""

    actions = ("mark_reviewed",)

    @admin.display(boolean=True, description="Needs review")
    def needs_review(self, obj):
        return obj.needs_review

    @admin.action(description="Mark as reviewed today", permissions=["change"])
    def mark_reviewed(self, request, queryset):
        with transaction.atomic():
            count = queryset.mark_reviewed()
        noun = self.model._meta.verbose_name if count == 1 else self.model._meta.verbose_name_plural
        self.message_user(request, f"{count} {noun} marked as reviewed today.")
