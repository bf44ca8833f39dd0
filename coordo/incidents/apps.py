from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IncidentsConfig(AppConfig):
    name = "coordo.incidents"
    label = "incidents"
    verbose_name = _("Incidents")

    def ready(self) -> None:
        from coordo import personal_data, retention
        from coordo.access.dashboard import register_card
        from coordo.incidents.dashboard import follow_up_card
        from coordo.incidents.personal_data import SOURCES
        from coordo.incidents.retention import RULES

        register_card(follow_up_card, order=45)
        for source in SOURCES:
            personal_data.register(source)
        for rule in RULES:
            retention.register(rule)
