"""Dashboard cards contributed by each module: free places tonight, who is on call…

Each provider is `card(request, principal) -> Card | None`; None hides the card (no
permission, nothing to show). Each app registers its providers from its
`AppConfig.ready()`, so this module imports none of the apps.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.http import HttpRequest

from coordo.access.scoping import Principal

CardProvider = Callable[[HttpRequest, Principal], "Card | None"]
_PROVIDERS: dict[CardProvider, int] = {}  # provider -> its place on the page


def register_card(provider: CardProvider, *, order: int) -> None:
    _PROVIDERS[provider] = order


@dataclass(frozen=True)
class Card:
    template: str
    context: dict[str, Any] = field(default_factory=dict)


def cards_for(request: HttpRequest, principal: Principal) -> list[Card]:
    providers = sorted(_PROVIDERS, key=_PROVIDERS.__getitem__)
    return [card for provider in providers if (card := provider(request, principal)) is not None]
