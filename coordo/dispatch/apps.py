from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DispatchConfig(AppConfig):
    name = "coordo.dispatch"
    label = "dispatch"
    verbose_name = _("Dispatch")

    def ready(self) -> None:
        from coordo import personal_data
        from coordo.access.dashboard import register_card
        from coordo.dispatch import tasks  # noqa: F401  (registers the batch's task)
        from coordo.dispatch.dashboard import dispatch_card
        from coordo.dispatch.personal_data import SOURCES

        register_card(dispatch_card, order=30)
        for source in SOURCES:
            personal_data.register(source)
        from coordo import retention
        from coordo.dispatch.retention import RULES as RETENTION_RULES

        for rule in RETENTION_RULES:
            retention.register(rule)
