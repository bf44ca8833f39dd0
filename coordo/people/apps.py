from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PeopleConfig(AppConfig):
    name = "coordo.people"
    label = "people"
    verbose_name = _("People")

    def ready(self) -> None:
        from coordo import personal_data
        from coordo.people.personal_data import SOURCES

        for source in SOURCES:
            personal_data.register(source)
