"""Every page and export that takes a period bounds it first (coordo.web.periods), for every
role that reaches it: 0001-01-01..9999-12-31 and 0202-01-01 are refused naming the field,
at once, instead of a 500 or minutes of work."""

from __future__ import annotations

import re
import time
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pytest
import time_machine
from django import forms
from django.test import Client

from coordo.web.periods import DayField, MonthField, PeriodForm, check_period, latest, refusal
from tests.permissions import MATRIX
from tests.test_permission_matrix import route_url
from tests.world import World, world_fixture

TODAY = "2026-12-02 10:00 +01:00"
BOUNDS = "Choose a date from 01/01/2000 to 02/12/2028."
FAST = 2.0  # seconds: the 0202 start ran 81 s before this module existed


# The module itself ----------------------------------------------------------------------


@time_machine.travel(TODAY, tick=False)
@pytest.mark.parametrize(
    ("start", "end", "errors"),
    [
        ("2026-01-01", "2026-02-01", {}),
        ("0001-01-01", "9999-12-31", {"start": [BOUNDS], "end": [BOUNDS]}),
        ("0202-01-01", "2026-01-01", {"start": [BOUNDS]}),
        ("1999-12-31", "2026-01-01", {"start": [BOUNDS]}),
        (
            "2000-01-01",
            "2028-12-02",
            {"end": ["A period is at most 5 years long: choose a later start or an earlier end."]},
        ),
        ("2023-12-02", "2028-12-02", {}),
        ("2028-12-03", "2028-12-04", {"start": [BOUNDS], "end": [BOUNDS]}),
        ("2026-02-01", "2026-02-01", {"end": ["The end must come after the start."]}),
        ("2026-02-01", "2026-01-01", {"end": ["The end must come after the start."]}),
        ("10000-01-01", "2026-01-01", {"start": ["Enter a valid date."]}),
    ],
)
def test_a_period_is_bounded_with_its_error_on_the_field(start, end, errors):
    form = PeriodForm({"start": start, "end": end})
    assert form.errors == errors


@time_machine.travel(TODAY, tick=False)
def test_months_inclusive_ends_and_the_refusal_of_an_export():
    class Month(forms.Form):
        month = MonthField(label="Month")

    assert Month({"month": "2026-11"}).is_valid()
    assert Month({"month": "9999-12"}).errors == {"month": [BOUNDS]}
    assert Month({"month": "2026-11-04"}).errors == {"month": ["Enter a valid date."]}

    class Days(forms.Form):
        first = DayField(label="First day")
        last = DayField(label="Last day")

        def clean(self) -> dict:  # type: ignore[type-arg]
            data = super().clean() or {}
            check_period(self, "first", "last", end_excluded=False)
            return data

    assert Days({"first": "2026-12-02", "last": "2026-12-02"}).is_valid()
    refused = refusal(PeriodForm({"start": "0001-01-01", "end": "2026-01-01"}))
    assert (refused.status_code, refused.content.decode()) == (400, f"start: {BOUNDS}")
    assert refused["Content-Type"] == "text/plain; charset=utf-8"


def test_the_last_day_follows_today_and_a_29_february_has_a_28_two_years_on():
    assert latest(date(2028, 2, 29)) == date(2030, 2, 28)
    with time_machine.travel("2027-06-15 10:00 +02:00", tick=False):
        assert latest() == date(2029, 6, 15)
        assert PeriodForm({"start": "2029-06-14", "end": "2029-06-15"}).is_valid()


def test_the_date_pickers_offer_the_plausible_days_only():
    with time_machine.travel(TODAY, tick=False):
        html = str(PeriodForm()["start"])
    assert 'type="date"' in html
    assert 'min="2000-01-01"' in html
    assert 'max="2028-12-02"' in html


def test_no_view_reads_a_date_out_of_a_url_by_hand():
    """A date parsed by hand skips the bounds: every period goes through a form's DayField."""
    modules = [
        path
        for path in Path("coordo").rglob("*.py")
        if ("views" in path.parts or path.stem.startswith("views") or path.stem == "api")
        and "tests" not in path.parts
    ]
    assert modules
    by_hand = re.compile(r"fromisoformat\(\s*request\.|\(\\d\{4\}\)-\(\\d\{2\}\)")
    assert [str(path) for path in modules if by_hand.search(path.read_text())] == []


# Every route that takes a period, for every role that reaches it -------------------------


@dataclass(frozen=True)
class Asked:
    """A route given an absurd period, and the fields whose errors must say so."""

    route: str
    data: dict[str, str]
    named: dict[str, str]  # field -> the label the page shows (the parameter for an export)
    export: bool = False
    post: bool = False
    extra: dict[str, str] = field(default_factory=dict)


WIDE = {"start": "0001-01-01", "end": "9999-12-31"}
ANCIENT = {"start": "0202-01-01", "end": "2026-01-01"}
ASKED = [
    Asked("housing_figures", WIDE, {"start": "From", "end": "Until (excluded)"}),
    Asked("housing_figures", ANCIENT, {"start": "From"}),
    Asked("housing_figures_export", WIDE, {"start": "start", "end": "end"}, export=True),
    Asked("housing_figures_export", ANCIENT | {"format": "xlsx"}, {"start": "start"}, export=True),
    Asked("housing_figures_aggregate", WIDE, {"start": "From", "end": "Until (excluded)"}),
    Asked("housing_figures_aggregate", ANCIENT, {"start": "From"}),
    Asked("housing_figures_aggregate_export", WIDE, {"start": "start", "end": "end"}, export=True),
    Asked("housing_figures_aggregate_export", ANCIENT, {"start": "start"}, export=True),
    Asked("community_figures", WIDE, {"start": "From", "end": "Until (excluded)"}),
    Asked("community_figures_export", ANCIENT, {"start": "start"}, export=True),
    Asked("housing_board", {"start": "9999-12-31"}, {"start": "From"}),
    Asked("housing_board", {"start": "0202-01-01"}, {"start": "From"}),
    Asked("appointment_calendar", {"week": "9999-12-31"}, {"week": "Week of"}),
    Asked("appointment_calendar", {"week": "0001-01-01"}, {"week": "Week of"}),
    Asked("dispatch_fairness_month", {"month": "9999-12"}, {"month": "Month"}),
    Asked("dispatch_fairness_month", {"month": "0202-01"}, {"month": "Month"}),
    Asked(
        "audit_trail",
        {"since": "0001-01-01", "until": "9999-12-31"},
        {"since": "From", "until": "To"},
    ),
    Asked("planning_create", {"month": "9999-12"}, {"month": "Month"}, post=True),
    Asked(
        "absence_add",
        {"first_day": "0202-01-01", "last_day": "9999-12-31"},
        {"first_day": "First day", "last_day": "Last day"},
        post=True,
        extra={"reason": "illness"},
    ),
    Asked(
        "worker_absence_add",
        {"first_day": "0001-01-01", "last_day": "2026-12-03"},
        {"first_day": "First day"},
        post=True,
        extra={"reason": "training"},
    ),
    Asked(
        "unit_close",
        {"start": "0202-01-01", "end": "9999-12-31"},
        {"start": "Out of service from", "end": "Back in service on"},
        post=True,
        extra={"reason": "Peinture"},
    ),
]

world = world_fixture()


def _cases():  # type: ignore[no-untyped-def]
    for asked in ASKED:
        for role in sorted(MATRIX[asked.route].allowed):
            name = f"{asked.route}-{role}-{'-'.join(asked.data.values())}"
            yield pytest.param(asked, role, id=name)


@pytest.mark.django_db
@pytest.mark.parametrize(("asked", "role"), list(_cases()))
def test_every_route_taking_a_period_refuses_an_absurd_one_naming_the_field(
    world: World, asked: Asked, role: str
) -> None:
    client: Client = world.client(world.users[role])
    url = route_url(asked.route, world.places["own"])
    began = time.monotonic()
    with time_machine.travel(TODAY, tick=True):
        if asked.post:
            response = client.post(url, asked.data | asked.extra, follow=True)
        else:
            response = client.get(url, asked.data)
    took = time.monotonic() - began
    text = response.content.decode()
    assert took < FAST
    if asked.post:  # posted from another page: refused, back there with the reasons
        assert response.redirect_chain[-1][1] == 302
        for label in asked.named.values():
            assert f"{label}: {BOUNDS}" in text
    elif asked.export:
        assert response.status_code == 400
        assert text.splitlines() == [f"{name}: {BOUNDS}" for name in asked.named]
    else:
        assert response.status_code == 400
        for label in asked.named.values():
            assert f"<li>{label}: {BOUNDS}</li>" in text
