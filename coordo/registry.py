"""A registry the apps fill from their `AppConfig.ready()`: personal-data sources, retention rules.

Each entry has a `key`, an `order` and the `models` it accounts for; the registry lists
them by order, then key, and says which models they cover, so a test can fail on a model
nobody accounts for. Registering the same entry twice is harmless (a reloaded app), two
different entries under one key are a mistake.
"""

from __future__ import annotations

from typing import Protocol

from django.core.exceptions import ImproperlyConfigured


class Entry(Protocol):
    @property
    def key(self) -> str: ...
    @property
    def order(self) -> int: ...
    @property
    def models(self) -> tuple[str, ...]: ...


class Registry[E: Entry]:
    def __init__(self, what: str) -> None:
        self.what = what  # "personal-data sources": named in the error
        self._entries: dict[str, E] = {}

    def add(self, entry: E) -> None:
        if entry.key in self._entries and self._entries[entry.key] != entry:
            raise ImproperlyConfigured(f"Two {self.what} are named {entry.key!r}.")
        self._entries[entry.key] = entry

    def ordered(self) -> list[E]:
        return sorted(self._entries.values(), key=lambda entry: (entry.order, entry.key))

    def covered_models(self) -> set[str]:
        return {model for entry in self._entries.values() for model in entry.models}
