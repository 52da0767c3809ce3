from django.apps import AppConfig


class ContactsConfig(AppConfig):
    name = "contacts"
    label = "contacts"
    verbose_name = "Directory"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from accounts.roles import register_owned_model
        from core import registry
        from linkcheck.registry import register_url_field

        from . import cache, demo
        from .models import Contact, Group, Organisation, OrganisationKind, SubRegion

        def active_organisations():
            return cache.cached_count(cache.ACTIVE_ORGANISATIONS, Organisation.objects.active())

        def recently_updated_organisations(limit):
            return list(Organisation.objects.active().order_by("-updated_at")[:limit])

        def public_contacts():
            return cache.cached_count(cache.PUBLIC_CONTACTS, Contact.objects.public())

        def active_groups():
            return cache.cached_count(cache.ACTIVE_GROUPS, Group.objects.active())

        registry.register_section(
            registry.Section(
                key="organisations",
                label="Organisations",
                url_name="contacts:organisation_list",
                order=50,
                description="London's 33 local authorities, the GLA and the partner bodies.",
                count=active_organisations,
                latest=recently_updated_organisations,
            )
        )
        registry.register_section(
            registry.Section(
                key="contacts",
                label="Contacts",
                url_name="contacts:contact_list",
                order=60,
                description="The people who lead e-government across London's public bodies.",
                count=public_contacts,
            )
        )
        registry.register_section(
            registry.Section(
                key="groups",
                label="Groups",
                url_name="contacts:group_list",
                order=65,
                description="Sub-regional partnerships, cross-sector groups and shareware clubs.",
                count=active_groups,
                in_navigation=False,
            )
        )
        registry.register_seeder(registry.Seeder(key="contacts", order=10, run=demo.seed))
        registry.register_organisations(
            registry.Organisations(
                model=Organisation,
                area_kind=OrganisationKind.LOCAL_AUTHORITY,
                named_fields=("name", "slug", "kind", "sub_region"),
            )
        )
        sub_regions = dict(SubRegion.choices)
        registry.register_facet_labels(
            registry.FacetLabels(
                key="sub_regions",
                params=("sub_region",),
                labels=lambda values: {v: sub_regions[v] for v in values if v in sub_regions},
            )
        )
        registry.register_facet_labels(
            registry.FacetLabels(
                key="organisations",
                params=("organisation", "area"),
                labels=lambda slugs: dict(
                    Organisation.objects.filter(slug__in=slugs).values_list("slug", "short_name")
                ),
            )
        )

        # Partner editors change their own organisation's entry but never create or delete one.
        register_owned_model(Organisation, "pk", editor_actions=("change", "view"))
        register_owned_model(Contact, "organisation")
        register_owned_model(Group, "convenor")
        register_url_field(Organisation, "website", owner="pk")
        register_url_field(Group, "website", owner="convenor")

        for model in (Organisation, Contact, Group):
            post_save.connect(cache.drop_after_commit, sender=model, dispatch_uid=f"{model}-save")
            post_delete.connect(
                cache.drop_after_commit, sender=model, dispatch_uid=f"{model}-delete"
            )

        from .filters import ContactFilter, OrganisationFilter

        registry.register_collection(
            registry.Collection(
                key="organisations",
                label="organisation",
                label_plural="organisations",
                order=70,
                public=lambda: Organisation.objects.all(),
                list_url_name="contacts:organisation_list",
                topic_param=None,
                filterset=OrganisationFilter,
            )
        )
        registry.register_collection(
            registry.Collection(
                key="contacts",
                label="contact",
                label_plural="contacts",
                order=80,
                public=lambda: Contact.objects.public().select_related("organisation"),
                list_url_name="contacts:contact_list",
                filterset=ContactFilter,
            )
        )
        registry.register_collection(
            registry.Collection(
                key="groups",
                label="group",
                label_plural="groups",
                order=90,
                public=lambda: Group.objects.all(),
                list_url_name="contacts:group_list",
                topic_param=None,
            )
        )

        from .api import ContactViewSet, GroupViewSet, OrganisationViewSet

        for prefix, viewset, basename, order in (
            ("organisations", OrganisationViewSet, "organisation", 70),
            ("groups", GroupViewSet, "group", 75),
            ("contacts", ContactViewSet, "contact", 80),
        ):
            registry.register_api_endpoint(
                registry.ApiEndpoint(prefix=prefix, viewset=viewset, basename=basename, order=order)
            )
