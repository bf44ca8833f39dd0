from __future__ import annotations

from collections import defaultdict
from datetime import date

import pytest
from django.db.models import Count

from coordo.demo import builder
from coordo.housing.models import Occupancy, PlaceRequest, Stay


def _beds_given_twice() -> list[tuple[int, int]]:
    """(unit, bed) pairs where one occupancy starts before the previous one ended."""
    beds: dict[tuple[int, int], list[tuple[date, date | None]]] = defaultdict(list)
    for unit, slot, start, end in Occupancy.objects.values_list("unit", "slot", "start", "end"):
        beds[(unit, slot)].append((start, end))
    clashes = []
    for bed, periods in beds.items():
        periods.sort()
        for (_start, end), (following, _end) in zip(periods, periods[1:], strict=False):
            if end is None or following < end:
                clashes.append(bed)
    return clashes


@pytest.mark.django_db
def test_the_demo_houses_a_year_of_stays_without_a_bed_given_twice_and_a_rerun_adds_nothing():
    builder.build()
    by_site = dict(Stay.objects.values_list("site__name").annotate(n=Count("pk")))
    assert by_site["Maison Lierre"] >= 15
    assert by_site["Refuge Ariane"] >= 150
    assert not Stay.objects.filter(end__isnull=False, destination="").exists()
    assert PlaceRequest.objects.filter(status="waiting").count() >= 14
    assert _beds_given_twice() == []
    # One household to admit in part: the son of 19 stays at his uncle's.
    partial = PlaceRequest.objects.get(notes__startswith="Le fils aîné")
    assert (partial.persons, partial.household.members.count()) == (2, 3)
    counts = (Stay.objects.count(), Occupancy.objects.count(), PlaceRequest.objects.count())
    builder.build()
    assert (Stay.objects.count(), Occupancy.objects.count(), PlaceRequest.objects.count()) == counts
