from django.apps import AppConfig


class LondonConnectsConfig(AppConfig):
    name = "londonconnects"
    label = "londonconnects"
    verbose_name = "LondonConnects"

    def ready(self):
        from core import registry

        registry.register_section(
            registry.Section(key="topics", label="Topics", url_name="topic_list", order=90)
        )
        registry.register_section(
            registry.Section(
                key="search", label="Search", url_name="search", order=1000, count=None
            )
        )
