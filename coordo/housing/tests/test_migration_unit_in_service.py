"""Migration 0005: an existing unit is in service from the earlier of its first night and the
day it was entered into Coordo, or from the day of the migration when neither is known."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
import time_machine

from tests.migrations import a_house, migrate_to, migrate_to_latest

# Every app the test writes rows of is pinned where it stood when this migration was written:
# a later required column (people 0004, the legal hold) would refuse the historical rows.
BEFORE = [
    ("housing", "0004_stay_site_until"),
    ("access", "0006_audit_password_and_mfa_actions"),
    ("people", "0003_birth_year_bounded"),
]
AFTER = [("housing", "0005_unit_in_service")]


@pytest.mark.django_db(transaction=True)
def test_existing_units_are_in_service_from_the_first_date_known():
    apps = migrate_to(BEFORE)
    AuditEvent = apps.get_model("access", "AuditEvent")
    Building, Unit = apps.get_model("housing", "Building"), apps.get_model("housing", "Unit")
    Stay, Occupancy = apps.get_model("housing", "Stay"), apps.get_model("housing", "Occupancy")
    Person = apps.get_model("people", "Person")
    organisation, site = a_house(apps)
    building = Building.objects.create(organisation=organisation, site=site, name="B", address="A")
    unit = {
        name: Unit.objects.create(
            organisation=organisation, building=building, name=name, kind="room", capacity=2
        )
        for name in ("history", "entered", "both", "unknown")
    }
    # Two stays in a row in each unit that has any: the earlier gives the first night.
    for name, first_night in (("history", date(2024, 5, 6)), ("both", date(2026, 3, 1))):
        for start, end in ((first_night, date(2026, 6, 1)), (date(2026, 6, 1), None)):
            person = Person.objects.create(
                organisation=organisation, site=site, first_name=name, last_name=f"{start}"
            )
            stay = Stay.objects.create(
                organisation=organisation,
                site=site,
                head=person,
                household_type="single_woman",
                start=start,
                end=end,
                destination="private_rental" if end else "",
            )
            Occupancy.objects.create(
                organisation=organisation,
                stay=stay,
                person=person,
                unit=unit[name],
                slot=1,
                start=start,
                end=end,
            )
    for name, at in (
        ("entered", datetime(2025, 9, 1, 8, tzinfo=UTC)),
        ("both", datetime(2025, 11, 30, 23, 30, tzinfo=UTC)),  # 1 December there
        ("history", datetime(2026, 11, 20, 8, tzinfo=UTC)),
    ):
        AuditEvent.objects.create(
            organisation_id=organisation.pk,
            action="create",
            object_type="housing.unit",
            object_id=str(unit[name].pk),
            at=at,
        )

    with time_machine.travel("2026-12-02 10:00 +01:00", tick=False):
        migrated = migrate_to(AFTER).get_model("housing", "Unit")
    assert dict(migrated.objects.values_list("name", "in_service_from")) == {
        "history": date(2024, 5, 6),  # typed in after its first stays: the first night
        "entered": date(2025, 9, 1),  # empty since it was entered: that day
        "both": date(2025, 12, 1),  # entered (in Brussels' calendar) before its first night
        "unknown": date(2026, 12, 2),  # neither: the day of the migration
    }
    migrate_to_latest()
