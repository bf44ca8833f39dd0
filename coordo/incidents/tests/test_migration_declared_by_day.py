"""Migration 0004: the anonymous declarations already in the register keep their day alone
(noon, Brussels time), as new ones do; the named ones keep their exact time."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [
    ("incidents", "0003_debriefings_and_support_offers"),
    ("access", "0008_roles_prevention_advisor_director"),
]
AFTER = [("incidents", "0004_anonymous_declarations_dated_by_day")]


@pytest.mark.django_db(transaction=True)
def test_existing_anonymous_declarations_are_dated_by_their_day():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    apps = executor.loader.project_state(BEFORE).apps
    Organisation, Site = apps.get_model("access", "Organisation"), apps.get_model("access", "Site")
    Declaration = apps.get_model("incidents", "Declaration")
    organisation = Organisation.objects.create(name="Maison Test asbl", slug="maison-test")
    site = Site.objects.create(organisation=organisation, name="Refuge Ariane", kind="shelter")
    # 23:30:07 UTC on 3 November is 00:30 on the 4th in Brussels: the 4th is her day.
    exact = datetime(2026, 11, 3, 23, 30, 7, 123456, tzinfo=UTC)
    for named in (False, True):
        Declaration.objects.create(
            organisation=organisation,
            site=site,
            occurred_at=exact,
            type="threat",
            description="x",
            named=named,
            declared_at=exact,
        )

    executor = MigrationExecutor(connection)
    executor.migrate(AFTER)
    migrated = executor.loader.project_state(AFTER).apps.get_model("incidents", "Declaration")
    noon = datetime(2026, 11, 4, 12, tzinfo=ZoneInfo("Europe/Brussels"))
    assert dict(migrated.objects.values_list("named", "declared_at")) == {False: noon, True: exact}
    assert not migrated.objects.filter(audit_pending=True).exists()  # their rows are written
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())
