"""Re-planning after publication: the past stays, the future changes as little as it can."""

from __future__ import annotations

from coordo.planning.solver import parse_instance, solve

from .builders import instance, person, shift, team, window

EVERY_MORNING = [window(d, "09:00", "12:00") for d in range(7)]


def replanning(absent_thursday: bool = True) -> dict:
    # The published plan gave mornings to a and b. Since then c, who likes every
    # morning, has joined, and b will be away on Thursday.
    b_absent = [{"from": "2026-03-05", "to": "2026-03-05"}] if absent_thursday else []
    return instance(
        [shift(f"{d}9", d, "09:00", "12:00") for d in ("mon", "tue", "wed", "thu")],
        [person("a"), person("b", absent=b_absent), person("c", preferred=EVERY_MORNING)],
        weights={"not_preferred": 1, "change": 20},
        previous={
            "from": "2026-03-04T00:00",
            "assignments": [
                {"shift": "mon9", "people": ["a"]},
                {"shift": "tue9", "people": ["b"]},
                {"shift": "wed9", "people": ["a"]},
                {"shift": "thu9", "people": ["b"]},
            ],
        },
    )


def test_shifts_before_the_cut_are_frozen_and_only_the_impossible_pair_changes():
    solution = solve(parse_instance(replanning()), time_limit=5)

    assert solution.status == "optimal"
    # Monday and Tuesday are frozen even though c would be cheaper there; Wednesday
    # keeps a (1 for not preferred beats 20 for a change); Thursday must drop b (20)
    # and goes to c, who prefers it.
    assert [team(solution, f"{d}9") for d in ("mon", "tue", "wed", "thu")] == [
        {"a"},
        {"b"},
        {"a"},
        {"c"},
    ]
    assert solution.terms["change"] == 20
    assert solution.objective == 23


def test_without_a_reason_to_change_the_published_plan_stays():
    solution = solve(parse_instance(replanning(absent_thursday=False)), time_limit=5)

    assert [team(solution, f"{d}9") for d in ("mon", "tue", "wed", "thu")] == [
        {"a"},
        {"b"},
        {"a"},
        {"b"},
    ]
    assert solution.objective == 4
