"""The dashboard card: the follow-up actions the user owns and has not done yet."""

from __future__ import annotations

from django.http import HttpRequest

from coordo.access.dashboard import Card
from coordo.access.scoping import Principal
from coordo.incidents.queries import open_actions_of


def follow_up_card(request: HttpRequest, principal: Principal) -> Card | None:
    actions = list(open_actions_of(principal)[:5])
    return Card("incidents/dashboard_card.html", {"actions": actions}) if actions else None
