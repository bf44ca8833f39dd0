from django.utils.translation import gettext_lazy as _

from coordo import appconfig


class CaseworkConfig(appconfig.CoordoConfig):
    name = "coordo.casework"
    verbose_name = _("Case work")
    sources_module = "subject_access"
    cards = {"dashboard.follow_up_card": 20}
