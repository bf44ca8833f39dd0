"""The one `AppConfig` of the apps: what an app registers with the shared parts, declared.

When an app has them, its `personal_data` module (`sources_module`) gives the
subject-access export its `SOURCES` (coordo/personal_data.py) and its `retention` module
(`rules_module`) the `RULES` of how long it keeps what it holds (coordo/retention.py):
both are registered without a line in the app's config, so a new app cannot forget to.
`cards` names the app's dashboard card providers and their order
(coordo/access/dashboard.py); `registers` the modules imported for what they register on
import (a task, a deployment check, a signal receiver). Every name is relative to the app.

An app's `apps.py` imports this module, not the class: Django takes the one `AppConfig`
class an `apps.py` holds, and would see two.
"""

from __future__ import annotations

from collections.abc import Mapping
from importlib import import_module
from importlib.util import find_spec
from types import ModuleType
from typing import ClassVar

from django.apps import AppConfig

from coordo import personal_data, retention


class CoordoConfig(AppConfig):
    sources_module = "personal_data"  # the module holding its SOURCES, if it exists
    rules_module = "retention"  # the module holding its RULES, if it exists
    cards: ClassVar[Mapping[str, int]] = {}  # "module.provider" -> its place on the dashboard
    registers: ClassVar[tuple[str, ...]] = ()

    def _declared(self, name: str) -> ModuleType | None:
        dotted = f"{self.name}.{name}"
        return import_module(dotted) if find_spec(dotted) else None

    def ready(self) -> None:
        from coordo.access.dashboard import register_card  # it reads the models: not above

        for name in self.registers:
            import_module(f"{self.name}.{name}")
        if declared := self._declared(self.sources_module):
            for source in declared.SOURCES:
                personal_data.register(source)
        if declared := self._declared(self.rules_module):
            for rule in declared.RULES:
                retention.register(rule)
        for provider, order in self.cards.items():
            module, _, function = provider.rpartition(".")
            register_card(getattr(import_module(f"{self.name}.{module}"), function), order=order)
