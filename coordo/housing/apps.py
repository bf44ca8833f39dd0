from django.utils.translation import gettext_lazy as _

from coordo import appconfig


class HousingConfig(appconfig.CoordoConfig):
    name = "coordo.housing"
    verbose_name = _("Housing")
    cards = {"dashboard.free_places_card": 10}
