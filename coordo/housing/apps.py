from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HousingConfig(AppConfig):
    name = "coordo.housing"
    label = "housing"
    verbose_name = _("Housing")

    def ready(self) -> None:
        from coordo import personal_data
        from coordo.access.dashboard import register_card
        from coordo.housing.dashboard import free_places_card
        from coordo.housing.personal_data import SOURCES

        register_card(free_places_card, order=10)
        for source in SOURCES:
            personal_data.register(source)
        from coordo import retention
        from coordo.housing.retention import RULES as RETENTION_RULES

        for rule in RETENTION_RULES:
            retention.register(rule)
