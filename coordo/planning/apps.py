from django.utils.translation import gettext_lazy as _

from coordo import appconfig


class PlanningConfig(appconfig.CoordoConfig):
    name = "coordo.planning"
    verbose_name = _("Planning")
    registers = ("tasks",)  # the solver's task
    cards = {"dashboard.on_call_card": 40}
