from __future__ import annotations

from datetime import date

from coordo.access.models import Site, User
from coordo.access.scoping import principal_for_user
from coordo.planning import actions
from coordo.planning.fetch import build_instance, shift_id, worker_id
from coordo.planning.models import Planning, Shift, Worker
from coordo.planning.solver import parse_instance
from coordo.planning.tests.factories import make_absence


def test_the_draft_reads_as_a_valid_roster(draft: Planning, team: list[Worker], site: Site) -> None:
    document = build_instance(draft)
    instance = parse_instance(document)
    assert instance.period.first == date(2026, 12, 1)
    assert instance.period.last == date(2026, 12, 31)
    # Mondays 7, 14, 21, 28 and Wednesdays 2, 9, 16, 23, 30; two slots each.
    assert len(instance.shifts) == 18
    assert {p.id for p in instance.people} == {worker_id(w.pk) for w in team}
    first = document["shifts"][0]
    assert (first["start"], first["end"], first["languages_any"]) == (
        "2026-12-02T09:00",
        "2026-12-02T12:00",
        ["ar", "ti"],
    )
    assert document["fixed"] == []
    assert "previous" not in document


def test_absences_and_hand_set_cells_reach_the_solver(
    draft: Planning, team: list[Worker], coordinator: User
) -> None:
    make_absence(team[0], coordinator, date(2026, 12, 7), date(2026, 12, 9), reason="illness")
    shift = Shift.objects.order_by("start").first()
    assert shift is not None
    actions.assign_shift(
        draft,
        shift,
        workers=team[1:3],
        accept_broken_rules=True,
        by=principal_for_user(coordinator),
    )
    document = build_instance(draft)
    person = next(p for p in document["people"] if p["id"] == worker_id(team[0].pk))
    assert person["absent"] == [{"from": "2026-12-07", "to": "2026-12-09"}]
    assert sorted(f["person"] for f in document["fixed"]) == sorted(
        worker_id(w.pk) for w in team[1:3]
    )
    assert {f["shift"] for f in document["fixed"]} == {shift_id(shift.pk)}
