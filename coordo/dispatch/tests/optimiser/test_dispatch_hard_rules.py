"""Each hard rule D1-D10, one tiny batch at a time."""

from __future__ import annotations

from coordo.dispatch.optimiser import parse_instance
from coordo.dispatch.optimiser.rules import violations

from .builders import centre, document, household, person, placed, solve, unit, unplaced


def test_d1_a_household_is_placed_whole_or_not_at_all():
    family = [person(35, "F"), person(8, "M"), person(5, "F")]
    doc = document(
        [centre("C1", [unit("C1-D1", beds=8, free=4), unit("C1-D2", beds=8, free=4)])],
        [household("H1", family)],
    )
    solution = solve(doc)
    assert placed(solution) == {}
    assert unplaced(solution) == {"H1": "no_eligible_unit"}


def test_d1_each_household_gets_at_most_one_unit():
    doc = document(
        [centre("C1", [unit("C1-R1", "private", beds=2), unit("C1-R2", "private", beds=3)])],
        [household("H1", [person(35, "F"), person(8, "M"), person(5, "F")])],
    )
    solution = solve(doc)
    assert placed(solution) == {"H1": "C1-R2"}
    assert len(solution.placements) == 1


def test_d2_a_private_unit_that_is_not_empty_is_never_used():
    doc = document(
        [centre("C1", [unit("C1-R1", "private", beds=3, free=2)])],
        [household("H1", [person(30, "F"), person(2, "M")])],
    )
    solution = solve(doc)
    assert placed(solution) == {}
    assert unplaced(solution) == {"H1": "capacity"}


def test_d2_a_private_unit_takes_one_household():
    doc = document(
        [centre("C1", [unit("C1-R1", "private", beds=2)])],
        [household("H1", registered="2026-11-10"), household("H2", registered="2026-11-20")],
    )
    solution = solve(doc)
    assert placed(solution) == {"H1": "C1-R1"}
    assert unplaced(solution) == {"H2": "capacity"}


def test_d2_a_household_larger_than_the_unit_is_not_placed():
    family = [person(40, "F"), person(41, "M"), person(9, "F"), person(7, "M")]
    doc = document([centre("C1", [unit("C1-R1", "private", beds=3)])], [household("H1", family)])
    assert unplaced(solve(doc)) == {"H1": "no_eligible_unit"}


def test_d3_a_dorm_takes_only_one_person_households():
    couple = [person(30, "F"), person(32, "M")]
    doc = document([centre("C1", [unit("C1-D1", beds=6, free=4)])], [household("H1", couple)])
    assert unplaced(solve(doc)) == {"H1": "no_eligible_unit"}


def test_d3_a_dorm_takes_at_most_its_free_beds():
    doc = document(
        [centre("C1", [unit("C1-D1", beds=8, free=2)])],
        [
            household("H1", registered="2026-11-01"),
            household("H2", registered="2026-11-21"),
            household("H3", registered="2026-11-11"),
        ],
    )
    solution = solve(doc)
    assert placed(solution) == {"H1": "C1-D1", "H3": "C1-D1"}
    assert unplaced(solution) == {"H2": "capacity"}


def test_d4_medical_and_accessible_needs_get_such_units():
    doc = document(
        [
            centre(
                "C1",
                [
                    unit("C1-D1", beds=6),
                    unit("C1-D2", beds=4, free=1, medical=True),
                    unit("C1-D3", beds=4, free=1, accessible=True),
                ],
            )
        ],
        [
            household("H1", medical=True, registered="2026-11-19"),
            household("H2", medical=True),
            household("H3", accessible=True),
        ],
    )
    solution = solve(doc)
    assert placed(solution) == {"H1": "C1-D2", "H3": "C1-D3"}
    assert unplaced(solution) == {"H2": "capacity"}


def test_d4_a_need_no_unit_meets_is_no_eligible_unit():
    doc = document(
        [centre("C1", [unit("C1-D1", beds=6, medical=True)])],
        [household("H1", medical=True, accessible=True)],
    )
    assert unplaced(solve(doc)) == {"H1": "no_eligible_unit"}


def test_d5_women_only_need_excludes_mixed_dorms_even_without_penalty():
    woman = [person(28, "F")]
    doc = document(
        [
            centre("C1", [unit("C1-D1", beds=6)], region="flanders", language="nl"),
            centre("C2", [unit("C2-D1", beds=6, free=1, women_only=True)], region="wallonia"),
            centre("C3", [unit("C3-R1", "private", beds=2)], region="brussels"),
        ],
        [
            household("H1", woman, women_only=True, region="flanders", registered="2026-11-19"),
            household("H2", woman, women_only=True, region="flanders"),
        ],
    )
    solution = solve(doc)
    assert sorted(placed(solution).values()) == ["C2-D1", "C3-R1"]


def test_d5_women_only_need_with_only_a_mixed_dorm_is_no_eligible_unit():
    doc = document(
        [centre("C1", [unit("C1-D1", beds=6)])],
        [household("H1", [person(28, "F")], women_only=True)],
    )
    assert unplaced(solve(doc)) == {"H1": "no_eligible_unit"}


def test_d6_no_adult_man_in_a_women_only_unit():
    doc = document(
        [
            centre(
                "C1",
                [
                    unit("C1-R1", "private", beds=2, women_only=True),
                    unit("C1-R2", "private", beds=2, women_only=True),
                    unit("C1-D1", beds=4, women_only=True),
                ],
            )
        ],
        [
            household("H1", [person(40, "F"), person(17, "M")]),
            household("H2", [person(40, "F"), person(18, "M")]),
            household("H3", [person(18, "M")]),
            household("H4", [person(30, "X")]),
        ],
    )
    solution = solve(doc)
    assert placed(solution)["H1"] in {"C1-R1", "C1-R2"}
    assert placed(solution)["H4"] in {"C1-R1", "C1-R2", "C1-D1"}
    assert unplaced(solution) == {"H2": "no_eligible_unit", "H3": "no_eligible_unit"}


def test_d7_unaccompanied_minors_and_minors_units_go_together():
    doc = document(
        [centre("C1", [unit("C1-D1", beds=4), unit("C1-D2", beds=4, minors=True)])],
        [household("H1", [person(16, "M")], minor=True), household("H2", [person(25, "M")])],
    )
    assert placed(solve(doc)) == {"H1": "C1-D2", "H2": "C1-D1"}


def test_d7_no_minors_unit_and_no_ordinary_unit_mean_no_eligible_unit():
    doc = document(
        [centre("C1", [unit("C1-D1", beds=4)]), centre("C2", [unit("C2-D1", minors=True)])],
        [household("H1", [person(16, "F")], minor=True), household("H2", [person(25, "F")])],
    )
    assert placed(solve(doc)) == {"H1": "C2-D1", "H2": "C1-D1"}
    doc = document(
        [centre("C1", [unit("C1-D1", beds=4)])], [household("H1", [person(16, "F")], minor=True)]
    )
    assert unplaced(solve(doc)) == {"H1": "no_eligible_unit"}
    doc = document([centre("C1", [unit("C1-D1", minors=True)])], [household("H2")])
    assert unplaced(solve(doc)) == {"H2": "no_eligible_unit"}


def test_d8_a_centre_takes_at_most_its_daily_intake_in_persons():
    family = [person(30, "F"), person(31, "M"), person(5, "F"), person(3, "M")]
    singles = [household(f"S{i}", registered=f"2026-11-1{i}") for i in range(1, 6)]
    doc = document(
        [centre("C1", [unit("C1-R1", "private", beds=4), unit("C1-D1", beds=10)], intake=3)],
        [household("F1", family, vulnerable=True), *singles],
    )
    solution = solve(doc)
    # The family does not fit the intake of 3: reason `capacity` (D10 ignores the intake).
    assert unplaced(solution)["F1"] == "capacity"
    assert set(placed(solution)) == {"S1", "S2", "S3"}


def test_d9_no_household_in_an_excluded_centre():
    doc = document(
        [
            centre("C1", [unit("C1-D1", beds=6)], region="brussels"),
            centre("C2", [unit("C2-D1", beds=6)], region="flanders", language="nl"),
        ],
        [household("H1", region="brussels", exclude=["C1"])],
    )
    assert placed(solve(doc)) == {"H1": "C2-D1"}
    doc = document(
        [centre("C1", [unit("C1-D1", beds=6)]), centre("C2", [unit("C2-D1", beds=6, free=0)])],
        [household("H1", exclude=["C1"]), household("H2", exclude=["C1", "C2"])],
    )
    assert unplaced(solve(doc)) == {"H1": "capacity", "H2": "no_eligible_unit"}


def test_d10_every_household_once_with_the_exact_reason():
    doc = document(
        [centre("C1", [unit("C1-D1", beds=6, free=1), unit("C1-R1", "private", beds=2, free=0)])],
        [
            household("H1", registered="2026-11-01"),
            household("H2"),
            household("H3", [person(30, "F"), person(1, "M")]),
            household("H4", [person(30, "F"), person(1, "M"), person(3, "M")]),
        ],
    )
    solution = solve(doc)
    assert placed(solution) == {"H1": "C1-D1"}
    assert unplaced(solution) == {"H2": "capacity", "H3": "capacity", "H4": "no_eligible_unit"}
    assert [u.household for u in solution.unplaced] == ["H2", "H3", "H4"]


def test_the_rules_module_reports_what_a_plan_breaks():
    instance = parse_instance(
        document(
            [
                centre(
                    "C1",
                    [unit("C1-D1", beds=4, free=1), unit("C1-R1", "private", beds=2)],
                    intake=2,
                )
            ],
            [household("H1"), household("H2"), household("H3", [person(30, "F"), person(4, "F")])],
        )
    )
    assert violations(instance, {"H1": "C1-D1"}) == []
    assert violations(instance, {"H1": "C1-D1", "H2": "C1-D1", "H3": "C1-R1"}) == [
        "D3: C1-D1 takes 2 persons, 1 free",
        "D8: C1 takes 4 > 2",
    ]
    assert violations(instance, {"H3": "C1-D1"}) == ["D3: H3 in C1-D1"]
