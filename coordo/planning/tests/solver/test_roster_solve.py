"""Tiny instances whose optimum is computed by hand, one per rule.

Unless a test says otherwise only `not_preferred` weighs (1 per assignment that no
preferred window holds), so the objective counts such assignments.
"""

from __future__ import annotations

import time

import pytest

from coordo.planning.solver import parse_instance, solution_to_dict, solve
from coordo.planning.solver.lns import WindowSearch
from coordo.planning.solver.problem import build_problem, split_parts
from coordo.planning.solver.rules import derive

from .builders import instance, person, shift, team, window

NOT_PREFERRED = {"not_preferred": 1}
MONDAY_MORNING = [window(0, "09:00", "12:00")]


def solved(document: dict, seconds: float = 5):
    solution = solve(parse_instance(document), time_limit=seconds)
    assert solution.status == "optimal"
    assert solution.bound == solution.objective
    return solution


def test_fair_shares_and_preferences_give_the_hand_computed_optimum():
    # a and b can each take all three mornings: e = 3 each, R = 3, E = 6, so
    # t = ⌊(20·3·3 + 6) / 12⌋ = 15 for both. Splitting 2/1 costs |20 − 15| + |10 − 15| = 10;
    # a takes Monday and b Tuesday (preferred), Wednesday is nobody's preference: 2 × 1.
    doc = instance(
        [shift(f"{d}9", d, "09:00", "12:00") for d in ("mon", "tue", "wed")],
        [
            person("a", preferred=MONDAY_MORNING),
            person("b", preferred=[window(1, "09:00", "12:00")]),
        ],
        weights={"fairness": 1, "not_preferred": 2},
    )

    solution = solved(doc)

    assert solution.objective == 12
    assert solution.terms == {
        "fairness": 10,
        "not_preferred": 2,
        "undesired": 0,
        "split_day": 0,
        "oncall_balance": 0,
        "oncall_weekend_balance": 0,
        "change": 0,
    }
    assert team(solution, "mon9") == {"a"}
    assert team(solution, "tue9") == {"b"}


def test_undesired_and_split_days_are_avoided():
    # Three people, Monday 09–12 and 15–18 need one each. x likes neither but
    # taking both would split her day (gap of 3 h): the plan spreads them.
    doc = instance(
        [shift("m9", "mon", "09:00", "12:00"), shift("m15", "mon", "15:00", "18:00")],
        [
            person("x", preferred=[window(0, "09:00", "18:00")]),
            person("y", preferred=[window(0, "15:00", "18:00")], undesired=MONDAY_MORNING),
            person("z", undesired=[window(0, "09:00", "18:00")]),
        ],
        weights={"not_preferred": 1, "undesired": 5, "split_day": 3},
    )

    solution = solved(doc)

    assert solution.objective == 0
    assert team(solution, "m9") == {"x"}
    assert team(solution, "m15") == {"y"}


def test_a_day_split_by_fixed_shifts_alone_counts_and_is_proven_optimal():
    # a is fixed on Monday 09–12 and 15–18 (split: 3) and may take Tuesday, which b
    # prefers; a taking it costs 1 more (not preferred), so b does.
    doc = instance(
        [
            shift("m9", "mon", "09:00", "12:00"),
            shift("m15", "mon", "15:00", "18:00"),
            shift("t9", "tue", "09:00", "12:00"),
        ],
        [person("a"), person("b", preferred=[window(1, "09:00", "12:00")])],
        weights={"not_preferred": 1, "split_day": 3},
        fixed=[{"shift": "m9", "person": "a"}, {"shift": "m15", "person": "a"}],
    )

    solution = solved(doc)

    assert team(solution, "t9") == {"b"}
    assert solution.objective == 5


def test_h1_each_shift_gets_exactly_its_people():
    doc = instance(
        [shift("m9", "mon", "09:00", "12:00", required=2)],
        [person(p, preferred=MONDAY_MORNING) for p in ("a", "b", "c")],
        weights=NOT_PREFERRED,
    )

    assert len(team(solved(doc), "m9")) == 2


@pytest.mark.parametrize(
    ("changes", "site"),
    [
        ({"sites": ["omega"]}, {"id": "delta", "women_only": False}),
        ({"female": False}, {"id": "delta", "women_only": True}),
        ({"available": [window(1, "06:00", "24:00")]}, {"id": "delta", "women_only": False}),
        (
            {"absent": [{"from": "2026-03-02", "to": "2026-03-02"}]},
            {"id": "delta", "women_only": False},
        ),
    ],
    ids=["other-site", "women-only", "unavailable", "absent"],
)
def test_h2_only_eligible_people_are_planned(changes: dict, site: dict):
    keen = person("keen", preferred=MONDAY_MORNING, **changes)
    doc = instance(
        [shift("m9", "mon", "09:00", "12:00")],
        [keen, person("other")],
        weights=NOT_PREFERRED,
        sites=[site, {"id": "omega", "women_only": False}],
    )

    solution = solved(doc)

    assert team(solution, "m9") == {"other"}
    assert solution.objective == 1


def test_h3_nobody_is_in_two_places_at_once():
    sites = [{"id": "delta", "women_only": False}, {"id": "omega", "women_only": False}]
    doc = instance(
        [
            shift("d9", "mon", "09:00", "12:00"),
            shift("o10", "mon", "10:00", "13:00", site="omega"),
        ],
        [
            person("x", sites=["delta", "omega"], preferred=[window(0, "09:00", "13:00")]),
            person("y"),
            person("z", sites=["omega"]),
        ],
        weights=NOT_PREFERRED,
        sites=sites,
    )

    solution = solved(doc)

    assert not {"x"} <= team(solution, "d9") & team(solution, "o10")
    assert solution.objective == 1


def test_h4_a_day_holds_at_most_max_hours():
    doc = instance(
        [shift(f"m{h}", "mon", f"{h:02d}:00", f"{h + 3:02d}:00") for h in (6, 9, 12)],
        [person("x", preferred=[window(0, "06:00", "15:00")]), person("y")],
        weights=NOT_PREFERRED,
    )

    solution = solved(doc)

    assert sum("x" in team(solution, f"m{h}") for h in (6, 9, 12)) == 2
    assert solution.objective == 1


def test_h5_the_night_between_two_days_is_long_enough():
    doc = instance(
        [shift("m21", "mon", "21:00", "24:00"), shift("t6", "tue", "06:00", "09:00")],
        [
            person("x", preferred=[window(0, "21:00", "24:00"), window(1, "06:00", "09:00")]),
            person("y"),
        ],
        weights=NOT_PREFERRED,
    )

    solution = solved(doc)

    assert team(solution, "m21") != team(solution, "t6")
    assert solution.objective == 1


def test_h6_nobody_works_beyond_the_monthly_cap():
    doc = instance(
        [shift("m9", "mon", "09:00", "12:00"), shift("t9", "tue", "09:00", "12:00")],
        [
            person(
                "x",
                max_shifts_per_month=1,
                preferred=[window(0, "09:00", "12:00"), window(1, "09:00", "12:00")],
            ),
            person("y"),
        ],
        weights=NOT_PREFERRED,
    )

    solution = solved(doc)

    assert ("x" in team(solution, "m9")) + ("x" in team(solution, "t9")) == 1
    assert solution.objective == 1


def test_h7_a_shift_with_a_language_need_gets_a_speaker():
    doc = instance(
        [shift("m9", "mon", "09:00", "12:00", required=2, languages_any=["ar", "ti"])],
        [
            person("a", preferred=MONDAY_MORNING),
            person("b", preferred=MONDAY_MORNING),
            person("dawit", languages=["ti", "fr"]),
        ],
        weights=NOT_PREFERRED,
    )

    solution = solved(doc)

    assert "dawit" in team(solution, "m9")
    assert solution.objective == 1


def test_h8_a_fixed_pair_is_kept():
    doc = instance(
        [shift("m9", "mon", "09:00", "12:00")],
        [person("keen", preferred=MONDAY_MORNING), person("fixed")],
        weights=NOT_PREFERRED,
        fixed=[{"shift": "m9", "person": "fixed"}],
    )

    solution = solved(doc)

    assert team(solution, "m9") == {"fixed"}
    assert solution.objective == 1


def rota(members: list[dict]) -> dict:
    def period(gid: str, start: str, end: str, weekend: bool) -> dict:
        return {"id": gid, "start": start, "end": end, "weekend": weekend}

    return {
        "id": "garde",
        "members": members,
        "periods": [
            period("g1", "2026-03-02T08:00", "2026-03-04T08:00", False),
            period("g2", "2026-03-04T08:00", "2026-03-06T08:00", False),
            period("g3", "2026-03-06T08:00", "2026-03-08T20:00", True),
        ],
    }


def test_o1_o2_one_present_member_per_period_and_the_balance_terms():
    # Three members and three periods of 2 touched days (D = 6, K = 1): one period
    # each gives |3·2 − 6| = 0 days apart, and the weekend costs |3 − 1| + 1 + 1 = 4.
    absent_wednesday = [{"from": "2026-03-04", "to": "2026-03-04"}]
    members = [
        {"id": "c1", "absent": absent_wednesday},
        {"id": "c2", "absent": []},
        {"id": "c3", "absent": []},
    ]
    doc = instance(
        [], [], weights={"oncall_balance": 1, "oncall_weekend_balance": 1}, oncall=[rota(members)]
    )

    solution = solved(doc)

    holders = {o.period: o.person for o in solution.oncall}
    assert len(set(holders.values())) == 3
    assert holders["g2"] != "c1"
    assert solution.objective == 4


def test_o3_nobody_holds_two_periods_in_a_row():
    members = [
        {"id": "c1", "absent": []},
        {"id": "c2", "absent": [{"from": "2026-03-07", "to": "2026-03-07"}]},
    ]
    doc = instance([], [], oncall=[rota(members)])

    solution = solved(doc)

    assert [(o.period, o.person) for o in solution.oncall] == [
        ("g1", "c1"),
        ("g2", "c2"),
        ("g3", "c1"),
    ]


def test_the_solution_document_has_the_format_fields_in_order():
    doc = instance([shift("m9", "mon", "09:00", "12:00")], [person("a")])

    document = solution_to_dict(solved(doc))

    assert list(document) == [
        "format",
        "instance",
        "status",
        "objective",
        "bound",
        "solve_seconds",
        "assignments",
        "oncall",
    ]
    assert document["format"] == "coordo.roster-solution/1"
    assert document["assignments"] == [{"shift": "m9", "people": ["a"]}]


def test_the_window_search_handles_a_part_of_one_person():
    doc = instance(
        [shift("m9", "mon", "09:00", "12:00"), shift("t9", "tue", "09:00", "12:00")],
        [person("a")],
        weights=NOT_PREFERRED,
    )
    problem = build_problem(derive(parse_instance(doc)))
    [part] = split_parts(problem)
    plan = {0: [0], 1: [0]}
    kept = []

    WindowSearch(problem, part).run(lambda: plan, kept.append, time.monotonic() + 1, lambda: False)

    assert kept == []  # nothing better exists, and nothing failed
