"""Migration 0004: the anonymous declarations already in the register keep their day alone
(noon, Brussels time), as new ones do; the named ones keep their exact time."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from tests.migrations import a_house, migrate_to, migrate_to_latest

PREVIOUS = ("incidents", "0003_debriefings_and_support_offers")
MIGRATION = ("incidents", "0004_anonymous_declarations_dated_by_day")


@pytest.mark.django_db(transaction=True)
def test_existing_anonymous_declarations_are_dated_by_their_day():
    apps = migrate_to([PREVIOUS, ("access", "0008_roles_prevention_advisor_director")])
    Declaration = apps.get_model("incidents", "Declaration")
    organisation, site = a_house(apps)
    # 23:30:07 UTC on 3 November is 00:30 on the 4th in Brussels: the 4th is her day.
    exact = datetime(2026, 11, 3, 23, 30, 7, 123456, tzinfo=UTC)
    fields = {"occurred_at": exact, "declared_at": exact, "type": "threat", "description": "x"}
    for named in (False, True):
        Declaration.objects.create(organisation=organisation, site=site, named=named, **fields)

    migrated = migrate_to([MIGRATION]).get_model("incidents", "Declaration")
    noon = datetime(2026, 11, 4, 12, tzinfo=ZoneInfo("Europe/Brussels"))
    assert dict(migrated.objects.values_list("named", "declared_at")) == {False: noon, True: exact}
    assert not migrated.objects.filter(audit_pending=True).exists()  # their rows are written
    migrate_to_latest()
