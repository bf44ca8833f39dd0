from __future__ import annotations

from datetime import datetime

import pytest

from coordo.planning.solver import InstanceError, parse_instance
from coordo.planning.solver.model import Window

from .builders import instance, person, shift, window


def errors_of(document: dict) -> list[str]:
    with pytest.raises(InstanceError) as caught:
        parse_instance(document)
    return caught.value.errors


def test_a_valid_document_becomes_dataclasses():
    doc = instance(
        [shift("m9", "mon", "09:00", "12:00", required=2, languages_any=["ar", "ti"])],
        [person("amal", languages=["fr", "ar"], available=[window(0, "09:00", "24:00")])],
        fixed=[{"shift": "m9", "person": "amal"}],
    )

    parsed = parse_instance(doc)

    assert parsed.shifts[0].start == datetime(2026, 3, 2, 9, 0)  # noqa: DTZ001
    assert parsed.shifts[0].languages_any == frozenset({"ar", "ti"})
    assert parsed.people[0].available == (Window(0, 540, 1440),)
    assert parsed.fixed[0].person == "amal"


def test_every_bad_field_is_named_by_its_path():
    doc = instance(
        [
            shift("m9", "mon", "09:00", "12:00"),
            shift("m12", "mon", "12:00", "15:00", required=0),
            shift("m15", "mon", "15:00", "18:00", site="nowhere"),
            shift("m9", "tue", "09:00", "12:00"),
        ],
        [
            person("amal", available=[window(0, "09:00", "25:00"), window(7, "10:00", "12:00")]),
            person("bruno", female="yes", max_shifts_per_month=-1),
        ],
        fixed=[{"shift": "nope", "person": "amal"}],
    )
    del doc["rules"]["weights"]["change"]

    assert errors_of(doc) == [
        "rules.weights.change: missing",
        "shifts[1].required: must be an integer >= 1",
        "shifts[2].site: unknown site 'nowhere'",
        "shifts[3].id: 'm9' repeats shifts[0].id",
        "people[0].available[0].to: must be a time HH:MM from 00:00 to 24:00, got '25:00'",
        "people[0].available[1].weekday: must be an integer from 0 (Monday) to 6",
        "people[1].female: must be true or false",
        "people[1].max_shifts_per_month: must be an integer >= 0",
        "fixed[0].shift: unknown shift 'nope'",
    ]


def test_shift_times_must_fit_the_period_and_one_day():
    late = shift("late", "mon", "21:00", "12:00")
    late["end"] = "2026-03-03T01:00"
    early = shift("early", "mon", "09:00", "12:00")
    early["start"], early["end"] = "2026-03-01T09:00", "2026-03-01T12:00"
    backwards = shift("back", "mon", "12:00", "09:00")
    mute = shift("mute", "mon", "09:00", "12:00", languages_any=[])

    assert errors_of(instance([late, early, backwards, mute], [person("amal")])) == [
        "shifts[0].end: must be at most 00:00 of the day after its start",
        "shifts[1].start: outside period 2026-03-02..2026-03-08",
        "shifts[2].end: must be after start",
        "shifts[3].languages_any: must not be empty (leave it out instead)",
    ]


def test_oncall_periods_are_unique_across_rotas_and_do_not_overlap():
    def period(gid: str, start: str, end: str) -> dict:
        return {"id": gid, "start": start, "end": end, "weekend": False}

    rotas = [
        {
            "id": "north",
            "members": [{"id": "ines", "absent": []}],
            "periods": [
                period("g1", "2026-03-02T08:00", "2026-03-04T08:00"),
                period("g2", "2026-03-03T08:00", "2026-03-05T08:00"),
            ],
        },
        {
            "id": "south",
            "members": [{"id": "jan", "absent": [{"from": "2026-03-05", "to": "2026-03-04"}]}],
            "periods": [period("g1", "2026-03-02T08:00", "2026-03-03T08:00")],
        },
    ]

    assert errors_of(instance([], [], oncall=rotas)) == [
        "oncall[0].periods[1].start: overlaps oncall[0].periods[0]",
        "oncall[1].members[0].absent[0].to: must not be before `from`",
        "oncall[1].periods[0].id: 'g1' repeats oncall[0].periods[0].id",
    ]


def test_previous_must_list_every_shift_before_its_start():
    doc = instance(
        [shift("m9", "mon", "09:00", "12:00"), shift("t9", "tue", "09:00", "12:00")],
        [person("amal")],
        previous={
            "from": "2026-03-04T00:00",
            "assignments": [{"shift": "m9", "people": ["amal", "amal"]}],
        },
    )

    assert errors_of(doc) == [
        "previous.assignments[0].people: lists a person twice",
        "previous.assignments: must list every shift starting before previous.from; "
        "missing 1, e.g. t9",
    ]


def test_a_document_of_another_format_is_refused_at_once():
    assert errors_of({"format": "coordo.dispatch/1"}) == [
        "format: must be 'coordo.roster/1', got 'coordo.dispatch/1'"
    ]
    assert errors_of([]) == ["(top level): must be an object"]
