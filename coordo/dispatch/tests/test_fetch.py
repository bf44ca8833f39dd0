"""The snapshot built from the database is a valid `coordo.dispatch/1` instance."""

from __future__ import annotations

from datetime import date

import pytest

from conftest import make_person
from coordo.dispatch.fetch import build_instance
from coordo.dispatch.optimiser import parse_instance
from coordo.dispatch.tests.factories import make_arrival, make_family, make_medical

pytestmark = pytest.mark.django_db


def test_households_and_network_as_the_optimiser_reads_them(
    arrival_site, dispatcher, nurse, network
):
    household = make_family(arrival_site, "Camara", 2016, 2024)
    arrival = make_arrival(
        household,
        by=dispatcher,
        school_language="nl",
        region="flanders",
        family_centre=network["GNT"],
        flags=["single_parent"],
    )
    arrival.social.excluded_centres.set([network["BXL"]])
    make_medical(arrival, by=nurse, details="Asthme", needs_accessible=True)
    make_arrival(make_family(arrival_site, "Diallo"), by=dispatcher, screened=False)

    document, arrivals = build_instance(arrival_site, date(2026, 11, 23))

    assert arrivals == [arrival]
    assert document["households"] == [
        {
            "id": arrival.key,
            "registered": "2026-11-20",
            "members": [
                {"age": 38, "sex": "F"},
                {"age": 10, "sex": "M", "school_language": "nl"},
                {"age": 2, "sex": "M"},
            ],
            "vulnerable": True,
            "flags": ["single_parent"],
            "needs": {"medical": False, "accessible": True, "women_only": False},
            "unaccompanied_minor": False,
            "region": "flanders",
            "family_centre": "GNT",
            "exclude_centres": ["BXL"],
        }
    ]
    assert [c["id"] for c in document["centres"]] == ["BXL", "GNT"]
    assert document["centres"][0]["units"][2] == {
        "id": "BXL-S1",
        "kind": "shared",
        "beds": 6,
        "free": 2,
        "women_only": True,
        "medical": False,
        "accessible": False,
        "minors": False,
    }
    assert parse_instance(document).households[0].size == 3
    assert "Asthme" not in repr(document)


def test_unknown_sex_is_sent_as_x_and_placed_households_are_left_out(
    arrival_site, dispatcher, network
):
    person = make_person(arrival_site, "Sam", "Peeters", birth_year=1990)  # sex unknown
    from conftest import make_household

    arrival = make_arrival(make_household(arrival_site, person), by=dispatcher)
    placed = make_arrival(make_family(arrival_site, "Diallo"), by=dispatcher)
    placed.status = "placed"
    placed.save()

    document, _ = build_instance(arrival_site, date(2026, 11, 23))

    assert [(h["id"], h["members"]) for h in document["households"]] == [
        (arrival.key, [{"age": 36, "sex": "X"}])
    ]
