"""The housing sub-menu, showing only the pages the user's role at this site opens."""

from __future__ import annotations

from typing import Any

from django import template

from coordo.access.policy import Perm
from coordo.access.scoping import principal_for_user

register = template.Library()


@register.inclusion_tag("housing/nav.html", takes_context=True)
def housing_nav(context: template.Context) -> dict[str, Any]:
    request = context["request"]
    principal = principal_for_user(request.user)
    site = getattr(request, "current_site", None)
    site_id = site.pk if site else -1
    return {
        "can_stays": principal.can(Perm.STAY_VIEW, site_id),
        "can_figures": principal.can(Perm.HOUSING_FIGURES, site_id),
        "can_import": principal.can(Perm.HOUSING_EDIT, site_id),
    }
