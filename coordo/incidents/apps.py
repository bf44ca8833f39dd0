from django.utils.translation import gettext_lazy as _

from coordo import appconfig


class IncidentsConfig(appconfig.CoordoConfig):
    name = "coordo.incidents"
    verbose_name = _("Incidents")
    cards = {"dashboard.follow_up_card": 45}
