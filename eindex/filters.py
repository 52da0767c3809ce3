"""The e-index's GET filters for its feed and export: the topic its pages filter by, and the
category a category page shows (entries filed under it, first or also)."""

import django_filters

from core.filtersets import SiteFilterSet
from core.ownership_filters import topic_choices

from .models import Category, Entry


class EntryFilter(SiteFilterSet):
    topic = django_filters.ChoiceFilter(
        label="Topic", field_name="topics__slug", empty_label="All topics"
    )
    category = django_filters.ChoiceFilter(
        label="Category", method="filter_category", empty_label="All categories"
    )

    class Meta:
        model = Entry
        fields = ["topic", "category"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["topic"].extra["choices"] = topic_choices(self.queryset)
        self.filters["category"].extra["choices"] = list(
            Category.objects.values_list("slug", "name")
        )

    def filter_category(self, queryset, name, value: str):
        return queryset.in_category(Category.objects.filter(slug=value).values("pk")[:1])

    def chosen(self, name):
        """The value of one valid filter, or "" when it is not in force."""
        if not self.is_bound or not self.form.is_valid():
            return ""
        return self.form.cleaned_data.get(name, "")
