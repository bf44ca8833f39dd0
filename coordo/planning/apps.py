from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlanningConfig(AppConfig):
    name = "coordo.planning"
    label = "planning"
    verbose_name = _("Planning")

    def ready(self) -> None:
        from coordo.access.dashboard import register_card
        from coordo.planning import tasks  # noqa: F401  (registers the solver's task)
        from coordo.planning.dashboard import on_call_card

        register_card(on_call_card, order=40)
