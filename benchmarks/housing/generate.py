"""A national-scale housing dataset on PostgreSQL: sites, places, persons, five years of stays.

At --scale 1: 100 sites, 36,000 places, 300,000 persons, about 1,000,000 stays over five
years. Every number scales together, so a site looks the same at 10 % and at 100 %;
site 1 (the one the benchmark measures) always has 60 units. Rows go in with COPY;
foreign-key triggers are off during the load and the exclusion constraints are
rebuilt afterwards, which also proves the generated stays never give a bed twice.

    .venv/bin/python benchmarks/housing/generate.py --scale 0.1 --database coordo_bench_housing_10
"""

from __future__ import annotations

import argparse
import heapq
import io
import os
import random
import sys
import time
from datetime import date, timedelta
from importlib import import_module
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TODAY = date(2026, 11, 23)
FIRST_DAY = TODAY - timedelta(days=5 * 365)
PLACES, PERSONS, SITES = 36_000, 300_000, 100
MEASURED_UNITS = 60
SEED = 36


def setup_django(database: str) -> None:
    os.environ["COORDO_DATABASE_URL"] = f"postgres://postgres@127.0.0.1:5432/{database}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def recreate_database(database: str) -> None:
    import psycopg

    with psycopg.connect("postgresql://postgres@127.0.0.1:5432/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{database}"')


def copy(cursor: object, table: str, columns: list[str], rows: list[tuple[object, ...]]) -> None:
    buffer = io.StringIO()
    for row in rows:
        buffer.write("\t".join(r"\N" if v is None else str(v) for v in row) + "\n")
    with cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as stream:  # type: ignore[attr-defined]
        stream.write(buffer.getvalue())


def capacities(rng: random.Random, places: int) -> list[int]:
    sizes: list[int] = []
    while sum(sizes) < places:
        sizes.append(rng.choice([1, 1, 2, 2, 2, 3, 4, 6]))
    return sizes


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=0.1)
    parser.add_argument("--database", default="coordo_bench_housing")
    args = parser.parse_args()
    started = time.monotonic()
    recreate_database(args.database)
    setup_django(args.database)
    from django.core.management import call_command
    from django.db import connection

    from coordo.access.models import Membership, Organisation, Site, User
    from coordo.access.roles import Role, SiteKind

    # The same constraints as migration 0003, dropped for the load and rebuilt after it.
    constraints = import_module("coordo.housing.migrations.0003_occupancy_exclusion").CONSTRAINTS
    from coordo.housing.models import Building, Unit

    call_command("migrate", verbosity=0)
    rng = random.Random(SEED)
    organisation = Organisation.objects.create(name="Réseau national (bench)", slug="bench")
    site_count = max(2, round(SITES * args.scale))
    sites = Site.objects.bulk_create(
        Site(organisation=organisation, name=f"Site {n:03d}", kind=SiteKind.SHELTER)
        for n in range(1, site_count + 1)
    )
    user = User.objects.create_user("bench-coordinator@bench.example", "bench-password-2026",
                                    full_name="Bench Coordinator", organisation=organisation)  # fmt: skip
    Membership.objects.create(
        organisation=organisation, user=user, site=sites[0], role=Role.COORDINATOR
    )
    buildings = Building.objects.bulk_create(
        Building(
            organisation=organisation,
            site=site,
            name=f"Bâtiment {site.pk}",
            address="Rue du Banc 1",
            confidential=False,
        )  # fmt: skip
        for site in sites
    )
    units: list[Unit] = []
    per_site = round(PLACES * args.scale) // site_count
    for index, building in enumerate(buildings):
        sizes = capacities(rng, per_site)
        if index == 0:  # the measured site: exactly 60 units
            sizes = [rng.choice([1, 2, 2, 2, 3, 4]) for _ in range(MEASURED_UNITS)]
        units += [
            Unit(
                organisation=organisation,
                building=building,
                name=f"U{n:03d}",
                kind="room",
                capacity=size,
                in_service_from=FIRST_DAY - timedelta(days=60),  # before its first stay
            )
            for n, size in enumerate(sizes, start=1)
        ]
    units = Unit.objects.bulk_create(units, batch_size=5000)
    site_of = {building.pk: building.site_id for building in buildings}

    # Each bed: stays one after the other over five years, a few nights free between them.
    beds: list[tuple[date, date | None, int, int, int]] = []  # start, end, unit, slot, site
    for unit in units:
        for slot in range(1, unit.capacity + 1):
            day = FIRST_DAY - timedelta(days=rng.randint(0, 60))
            while day < TODAY:
                end = day + timedelta(days=rng.randint(5, 120))
                beds.append(
                    (day, None if end > TODAY else end, unit.pk, slot, site_of[unit.building_id])
                )
                day = end + timedelta(days=rng.randint(0, 7))
    beds.sort(key=lambda bed: (bed[0], bed[2], bed[3]))
    persons = max(1000, round(PERSONS * args.scale))
    free: list[tuple[date, int]] = [(date.min, n) for n in range(1, persons + 1)]
    heapq.heapify(free)
    person_site: dict[int, int] = {}
    stays, occupancies = [], []
    destinations = ["shelter", "family_friends", "unknown", "street", "private_rental", "social_housing",
                    "transitional", "hospital_care"]  # fmt: skip
    for stay_id, (start, end, unit_id, slot, site_id) in enumerate(beds, start=1):
        available, person = heapq.heappop(free)
        assert available <= start, "not enough persons for the concurrent stays"
        heapq.heappush(free, (end or date.max, person))
        person_site.setdefault(person, site_id)
        destination = rng.choice(destinations) if end else ""
        stays.append((stay_id, organisation.pk, site_id, person, rng.choice(["single_woman", "single_man"]),
                      start, end, destination,
                      "planned" if end else "", "2026-01-01 00:00:00+00"))  # fmt: skip
        occupancies.append(
            (stay_id, organisation.pk, stay_id, person, unit_id, slot, "f", start, end)
        )
    print(f"{len(units)} units, {sum(u.capacity for u in units)} places, {persons} persons, "
          f"{len(stays)} stays generated in {time.monotonic() - started:.0f}s")  # fmt: skip
    with connection.cursor() as cursor:
        cursor.execute("SET session_replication_role = replica")  # no FK triggers during the load
        for name in constraints:
            cursor.execute(f"ALTER TABLE housing_occupancy DROP CONSTRAINT {name}")
        copy(cursor, "people_person",
             ["id", "organisation_id", "site_id", "first_name", "last_name", "search_name", "birth_year",
              "birth_year_approximate", "sex", "gender", "nationality", "languages", "phone",
              "national_number", "pseudonym", "created_at", "updated_at", "legal_hold_reason"],
             [(n, organisation.pk, person_site.get(n, sites[0].pk), "Prénom", f"Nom{n}", f"prenom nom{n}",
               rng.randint(1950, 2024), "f", rng.choice("FFFMX"), "", "", "[]", "", "", f"B-{n:09d}",
               "2026-01-01 00:00:00+00", "2026-01-01 00:00:00+00", "") for n in range(1, persons + 1)])  # fmt: skip
        copy(cursor, "housing_stay",
             ["id", "organisation_id", "site_id", "head_id", "household_type", "start", "\"end\"",
              "destination", "exit_reason", "created_at"], stays)  # fmt: skip
        copy(cursor, "housing_occupancy",
             ["id", "organisation_id", "stay_id", "person_id", "unit_id", "slot", "family", "start", "\"end\""],
             occupancies)  # fmt: skip
        cursor.execute("SET session_replication_role = origin")
        for table in ("people_person", "housing_stay", "housing_occupancy"):
            cursor.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) FROM {table}))"
            )
        loaded = time.monotonic()
        for name, definition in constraints.items():
            cursor.execute(f"ALTER TABLE housing_occupancy ADD CONSTRAINT {name} {definition}")
        print(f"exclusion constraints rebuilt and valid in {time.monotonic() - loaded:.0f}s")
        cursor.execute("ANALYZE")
    print(f"done in {time.monotonic() - started:.0f}s")


if __name__ == "__main__":
    main()
