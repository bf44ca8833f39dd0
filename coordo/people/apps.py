from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PeopleConfig(AppConfig):
    name = "coordo.people"
    label = "people"
    verbose_name = _("People")

    def ready(self) -> None:
        from coordo import personal_data
        from coordo.access.dashboard import register_card
        from coordo.people.dashboard import people_card
        from coordo.people.personal_data import SOURCES

        register_card(people_card, order=50)
        for source in SOURCES:
            personal_data.register(source)
        from coordo import retention
        from coordo.people.retention import RULES as RETENTION_RULES

        for rule in RETENTION_RULES:
            retention.register(rule)
