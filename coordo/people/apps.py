from django.utils.translation import gettext_lazy as _

from coordo import appconfig


class PeopleConfig(appconfig.CoordoConfig):
    name = "coordo.people"
    verbose_name = _("People")
    cards = {"dashboard.people_card": 50}
