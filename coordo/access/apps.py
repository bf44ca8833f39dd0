from django.utils.translation import gettext_lazy as _

from coordo import appconfig


class AccessConfig(appconfig.CoordoConfig):
    name = "coordo.access"
    verbose_name = _("Access")
    # The login audit hooks; the deployment check of the database role.
    registers = ("auth_events", "database_roles")
