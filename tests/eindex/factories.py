import factory

from eindex.models import Category, Entry, Suggestion
from tests.factories import OrganisationFactory


class CategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Category
        django_get_or_create = ("slug",)
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Test category {n}")
    slug = factory.Sequence(lambda n: f"test-category-{n}")
    position = factory.Sequence(lambda n: n)


class EntryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Entry
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Useful page {n}")
    url = factory.Sequence(lambda n: f"https://pages.example.org/{n}/")
    description = "A fictional page for tests."
    primary_category = factory.SubFactory(CategoryFactory)
    owner = factory.SubFactory(OrganisationFactory)

    @factory.post_generation
    def topics(self, create, extracted, **kwargs):
        if create and extracted:
            self.topics.add(*extracted)

    @factory.post_generation
    def other_categories(self, create, extracted, **kwargs):
        if create and extracted:
            self.other_categories.add(*extracted)


class SuggestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Suggestion

    title = factory.Sequence(lambda n: f"Suggested page {n}")
    url = factory.Sequence(lambda n: f"https://suggested.example.org/{n}/")
    reason = "It explains the standard well."
