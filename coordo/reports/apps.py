from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "coordo.reports"
    label = "reports"
    verbose_name = _("Reports")

    def ready(self) -> None:
        from coordo.reports import tasks  # noqa: F401  (registers the rendering task)
        from coordo.reports.indicators import load

        load()
