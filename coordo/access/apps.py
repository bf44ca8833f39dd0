from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccessConfig(AppConfig):
    name = "coordo.access"
    label = "access"
    verbose_name = _("Access")

    def ready(self) -> None:
        from coordo import retention
        from coordo.access import (
            auth_events,  # noqa: F401  (connects the login audit hooks)
            database_roles,  # noqa: F401  (registers its deployment check)
        )
        from coordo.access.retention import RULES as RETENTION_RULES

        for rule in RETENTION_RULES:
            retention.register(rule)
