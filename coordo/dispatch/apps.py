from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DispatchConfig(AppConfig):
    name = "coordo.dispatch"
    label = "dispatch"
    verbose_name = _("Dispatch")

    def ready(self) -> None:
        from coordo.dispatch import tasks  # noqa: F401  (registers the batch's task)
