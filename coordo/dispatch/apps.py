from django.utils.translation import gettext_lazy as _

from coordo import appconfig


class DispatchConfig(appconfig.CoordoConfig):
    name = "coordo.dispatch"
    verbose_name = _("Dispatch")
    registers = ("tasks",)  # the batch's task
    cards = {"dashboard.dispatch_card": 30}
