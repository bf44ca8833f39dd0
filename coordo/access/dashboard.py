"""Dashboard cards contributed by each module: free places tonight, who is on call…

Each provider is `card(request, principal) -> Card | None`; None hides the card (no
permission, nothing to show). Providers are listed by dotted path so that this
module imports none of the apps.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.http import HttpRequest
from django.utils.module_loading import import_string

from coordo.access.scoping import Principal

CARD_PROVIDERS: list[str] = [
    "coordo.housing.dashboard.free_places_card",
    "coordo.casework.dashboard.follow_up_card",
    "coordo.dispatch.dashboard.dispatch_card",
    "coordo.planning.dashboard.on_call_card",
]


@dataclass(frozen=True)
class Card:
    template: str
    context: dict[str, Any] = field(default_factory=dict)


def cards_for(request: HttpRequest, principal: Principal) -> list[Card]:
    providers: list[Callable[[HttpRequest, Principal], Card | None]] = [
        import_string(path) for path in CARD_PROVIDERS
    ]
    return [card for provider in providers if (card := provider(request, principal)) is not None]
