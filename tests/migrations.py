"""Data migrations tested on the real database: migrate to where a migration stood, write rows
with the historical models, migrate on and read them back, then back to the latest."""

from __future__ import annotations

from typing import Any

from django.apps.registry import Apps
from django.db import connection
from django.db.migrations.executor import MigrationExecutor


def migrate_to(targets: list[tuple[str, str]]) -> Apps:
    """The database migrated to `targets`; the historical models there."""
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def migrate_to_latest() -> None:
    """Every app to its last migration, as the other tests expect the database."""
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


def a_house(apps: Apps) -> tuple[Any, Any]:
    """One organisation and its shelter, in the historical models `apps`."""
    organisation = apps.get_model("access", "Organisation").objects.create(
        name="Maison Test asbl", slug="maison-test"
    )
    site = apps.get_model("access", "Site").objects.create(
        organisation=organisation, name="Refuge Ariane", kind="shelter"
    )
    return organisation, site
