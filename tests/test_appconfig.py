"""Every app that registers with the shared parts does it through the one CoordoConfig.

Django falls back to a plain `AppConfig`, silently, when an `apps.py` holds two config
classes (one imported by name): the app's sources, rules and cards would then be lost.
"""

from __future__ import annotations

from django.apps import apps

from coordo.appconfig import CoordoConfig
from coordo.personal_data import sources
from coordo.retention import rules

APPS = (
    "access",
    "people",
    "housing",
    "casework",
    "partners",
    "planning",
    "dispatch",
    "incidents",
    "community",
)


def test_every_domain_app_runs_the_one_config():
    assert [app for app in APPS if not isinstance(apps.get_app_config(app), CoordoConfig)] == []


def test_each_app_with_a_module_registers_what_it_declares():
    assert {source.key for source in sources()} >= {"person", "case_files", "stays", "arrivals"}
    assert {rule.key for rule in rules()} >= {"audit_rows", "closed_case_files", "ended_stays"}
