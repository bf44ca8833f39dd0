from django.utils.translation import gettext_lazy as _

from coordo import appconfig


class CommunityConfig(appconfig.CoordoConfig):
    name = "coordo.community"
    verbose_name = _("Community life")
    registers = ("actions.outreach",)  # unlinks her contacts when she withdraws her consent
