from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CaseworkConfig(AppConfig):
    name = "coordo.casework"
    label = "casework"
    verbose_name = _("Case work")

    def ready(self) -> None:
        from coordo import personal_data
        from coordo.access.dashboard import register_card
        from coordo.casework.dashboard import follow_up_card
        from coordo.casework.subject_access import SOURCES

        register_card(follow_up_card, order=20)
        for source in SOURCES:
            personal_data.register(source)
        from coordo import retention
        from coordo.casework.retention import RULES as RETENTION_RULES

        for rule in RETENTION_RULES:
            retention.register(rule)
