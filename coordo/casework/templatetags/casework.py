"""The case-work sub-menu: only the pages the user's roles open."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.translation import gettext_lazy as _

from coordo.access.policy import Perm
from coordo.access.scoping import principal_for_user

register = template.Library()

LINKS = (
    ("front_desk", _("Front desk"), Perm.REQUEST_EDIT),
    ("case_file_list", _("Case files"), Perm.CASE_VIEW),
    ("appointment_calendar", _("Appointments"), Perm.CASE_VIEW),
    ("referral_follow_up", _("To follow up"), Perm.REFERRAL_EDIT),
    ("meeting_list", _("Case meetings"), Perm.CASE_VIEW),
    ("partner_list", _("Partners"), Perm.PARTNER_VIEW),
    ("partner_stats", _("Statistics"), Perm.REFERRAL_STATS),
    ("convention_list", _("Conventions"), Perm.CONVENTION_VIEW),
)


@register.inclusion_tag("casework/subnav.html", takes_context=True)
def casework_subnav(context: Any) -> dict[str, Any]:
    request = context["request"]
    principal = principal_for_user(request.user)
    current = request.resolver_match.url_name if request.resolver_match else ""
    return {
        "links": [(name, label) for name, label, perm in LINKS if principal.can(perm)],
        "current": current,
    }
