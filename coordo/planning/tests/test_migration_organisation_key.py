"""Migrations 0005-0006: the five planning tables without an organisation key get their
parent's (worker, planning, rota), and the key is then required."""

from __future__ import annotations

from datetime import UTC, date, datetime, time

import pytest
from django.db import IntegrityError, transaction

from tests.migrations import migrate_to, migrate_to_latest

BEFORE = [
    ("planning", "0004_site_planning_settings_worker_email"),
    ("access", "0007_organisation_active_and_token_expiry"),
]
AFTER = [("planning", "0006_planning_tables_organisation_required")]
TABLES = ("WeeklyWindow", "Absence", "Assignment", "PlanningRun", "RotaPeriod")


def _one_house(apps, slug: str) -> None:
    """An organisation with one row of each of the five tables (and their parents)."""
    model = apps.get_model
    organisation = model("access", "Organisation").objects.create(name=slug, slug=slug)
    site = model("access", "Site").objects.create(
        organisation=organisation, name=f"Refuge {slug}", kind="shelter"
    )
    user = model("access", "User").objects.create(
        email=f"coordination@{slug}.test", full_name="Coordination Test", organisation=organisation
    )
    worker = model("planning", "Worker").objects.create(
        organisation=organisation, name="Anna Test", kind="staff", max_shifts_per_month=10
    )
    model("planning", "WeeklyWindow").objects.create(
        worker=worker, kind="available", weekday=0, start=time(8)
    )
    model("planning", "Absence").objects.create(
        worker=worker,
        reason="leave",
        first_day=date(2027, 1, 4),
        last_day=date(2027, 1, 5),
        entered_by=user,
    )
    planning = model("planning", "Planning").objects.create(
        organisation=organisation, site=site, month=date(2027, 1, 1), created_by=user
    )
    shift = model("planning", "Shift").objects.create(
        organisation=organisation,
        site=site,
        start=datetime(2027, 1, 4, 8, tzinfo=UTC),
        end=datetime(2027, 1, 4, 16, tzinfo=UTC),
        required=1,
    )
    model("planning", "Assignment").objects.create(planning=planning, shift=shift, worker=worker)
    model("planning", "PlanningRun").objects.create(planning=planning, created_by=user)
    rota = model("planning", "Rota").objects.create(
        organisation=organisation, site=site, name="Garde"
    )
    model("planning", "RotaPeriod").objects.create(
        rota=rota,
        start=datetime(2027, 1, 4, 8, tzinfo=UTC),
        end=datetime(2027, 1, 8, 8, tzinfo=UTC),
        holder=worker,
    )


@pytest.mark.django_db(transaction=True)
def test_each_row_gets_the_organisation_of_the_row_it_belongs_to():
    before = migrate_to(BEFORE)
    for slug in ("maison-a", "maison-b"):  # two tenants: no row may take the other's key
        _one_house(before, slug)

    after = migrate_to(AFTER)
    slugs = dict(after.get_model("access", "Organisation").objects.values_list("pk", "slug"))
    parent = {
        "WeeklyWindow": "worker",
        "Absence": "worker",
        "Assignment": "planning",
        "PlanningRun": "planning",
        "RotaPeriod": "rota",
    }
    for table in TABLES:
        rows = after.get_model("planning", table).objects.values_list(
            "organisation_id", f"{parent[table]}__organisation_id"
        )
        assert sorted(slugs[own] for own, _of_parent in rows) == ["maison-a", "maison-b"], table
        assert all(own == of_parent for own, of_parent in rows), table
    # Required from now on: a row without its organisation is refused by the database.
    absence = after.get_model("planning", "Absence").objects.first()
    with pytest.raises(IntegrityError), transaction.atomic():
        type(absence).objects.filter(pk=absence.pk).update(organisation=None)

    migrate_to_latest()
