"""Builders for test records (factory-boy)."""

import datetime

import factory
from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group as AuthGroup
from django.utils import timezone

from accounts.models import Role, User
from contacts.models import Contact, Group, GroupKind, Organisation, OrganisationKind, SubRegion


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation
        django_get_or_create = ("slug",)
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Test Organisation {n}")
    slug = factory.Sequence(lambda n: f"test-organisation-{n}")
    kind = OrganisationKind.VOLUNTARY
    summary = "A fictional organisation for tests."
    website = factory.LazyAttribute(lambda o: f"https://{o.slug}.example.org/")


class LocalAuthorityFactory(OrganisationFactory):
    name = factory.Sequence(lambda n: f"Test Borough {n}")
    slug = factory.Sequence(lambda n: f"test-borough-{n}")
    kind = OrganisationKind.LOCAL_AUTHORITY
    sub_region = SubRegion.EAST


class ContactFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Contact
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Alex Example {n}")
    slug = factory.Sequence(lambda n: f"alex-example-{n}")
    job_title = "E-government lead"
    organisation = factory.SubFactory(OrganisationFactory)
    email = factory.Sequence(lambda n: f"alex.example.{n}@example.org")
    phone = "020 7946 0000"
    profile = "Leads the council's e-government programme."
    source = "Supplied by the person"
    recorded_on = factory.LazyFunction(timezone.localdate)
    review_by = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=300))


class GroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Group
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Test Group {n}")
    slug = factory.Sequence(lambda n: f"test-group-{n}")
    kind = GroupKind.CROSS_SECTOR
    summary = "A fictional group for tests."
    convenor = factory.SubFactory(OrganisationFactory)

    @factory.post_generation
    def members(self, create, extracted, **kwargs):
        if create and extracted:
            self.members.add(*extracted)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("email",)
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"user{n}@example.org")
    full_name = factory.Sequence(lambda n: f"Test User {n}")
    password = factory.PostGenerationMethodCall("set_password", "correct-horse-battery")

    @factory.post_generation
    def save_password(self, create, extracted, **kwargs):
        if create:
            self.save()

    @factory.post_generation
    def verified_email(self, create, extracted, **kwargs):
        """allauth lets only people with a confirmed address sign in; pass False for none."""
        if create and extracted is not False:
            EmailAddress.objects.get_or_create(
                user=self, email=self.email, defaults={"verified": True, "primary": True}
            )


class PartnerEditorFactory(UserFactory):
    is_staff = True

    @factory.post_generation
    def organisations(self, create, extracted, **kwargs):
        if not create:
            return
        group, _ = AuthGroup.objects.get_or_create(name=Role.PARTNER_EDITOR.value)
        self.groups.add(group)
        if extracted:
            self.organisations.add(*extracted)


class SuperUserFactory(UserFactory):
    is_staff = True
    is_superuser = True
