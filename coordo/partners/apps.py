from django.utils.translation import gettext_lazy as _

from coordo import appconfig


class PartnersConfig(appconfig.CoordoConfig):
    name = "coordo.partners"
    verbose_name = _("Partners")
