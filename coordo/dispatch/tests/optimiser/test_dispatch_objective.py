"""The lexicographic objective (V, P, W, Q), status, progress and cancellation."""

from __future__ import annotations

import random

import pytest

from coordo.dispatch.optimiser import (
    Progress,
    Score,
    greedy_plan,
    optimise,
    parse_instance,
    solution_from_plan,
)
from coordo.dispatch.optimiser.model import Instance
from coordo.dispatch.optimiser.rules import fits_today, penalty_terms, score, violations

from .builders import centre, document, household, person, placed, solve, unit, unplaced


def test_a_vulnerable_person_wins_over_two_other_persons():
    doc = document(
        [centre("C1", [unit("C1-R1", "private", beds=2)])],
        [
            household("H1", [person(30, "F"), person(31, "M")], registered="2026-10-01"),
            household("H2", [person(25, "F")], vulnerable=True, registered="2026-11-22"),
        ],
    )
    solution = solve(doc)
    assert placed(solution) == {"H2": "C1-R1"}
    assert solution.score == Score(V=1, P=1, W=1, Q=0)


def test_a_pregnant_woman_who_needs_a_medical_place_gets_it_before_those_without_need():
    """Two men who waited ten days, no medical need; she registered today and needs one."""
    doc = document(
        [
            centre(
                "C1",
                [unit("C1-M1", "private", beds=2, medical=True), unit("C1-S1", beds=6, free=1)],
                intake=2,
            )
        ],
        [
            household("H1", [person(38, "M")], registered="2026-11-13"),
            household("H2", [person(46, "M")], registered="2026-11-13"),
            household(
                "H3",
                [person(29, "F")],
                registered="2026-11-23",
                vulnerable=True,
                flags=["pregnant", "medical"],
                medical=True,
            ),
        ],
    )
    solution = solve(doc)
    assert placed(solution)["H3"] == "C1-M1"
    assert len(placed(solution)) == 2  # one of the men takes the shared bed
    assert solution.score == Score(V=1, P=2, W=10, Q=0)


def test_more_persons_win_over_a_longer_wait():
    doc = document(
        [centre("C1", [unit("C1-R1", "private", beds=2)])],
        [
            household("H1", registered="2026-09-01"),
            household("H2", [person(30, "F"), person(31, "M")], registered="2026-11-22"),
        ],
    )
    assert placed(solve(doc)) == {"H2": "C1-R1"}


def test_a_longer_wait_wins_over_a_lower_penalty():
    doc = document(
        [centre("C1", [unit("C1-D1", beds=4, free=1)], region="brussels")],
        [
            household("H1", registered="2026-11-13", region="flanders"),
            household("H2", registered="2026-11-18"),
        ],
    )
    solution = solve(doc)
    assert placed(solution) == {"H1": "C1-D1"}
    assert solution.score == Score(V=0, P=1, W=10, Q=3)


def test_the_lowest_total_penalty_among_equal_plans():
    doc = document(
        [
            centre("BXL", [unit("BXL-D1", beds=4, free=1)], region="brussels"),
            centre("VLA", [unit("VLA-D1", beds=4, free=1)], region="flanders", language="nl"),
        ],
        [
            household("H1", region="brussels"),
            household("H2", region="brussels", family_centre="BXL"),
        ],
    )
    solution = solve(doc)
    assert placed(solution) == {"H1": "VLA-D1", "H2": "BXL-D1"}
    assert solution.score == Score(V=0, P=2, W=6, Q=3)
    assert solution.placements[0].explanation.penalty.as_dict() == {
        "school_language": 0,
        "family_link": 0,
        "region": 3,
    }


def test_school_languages_count_per_member():
    family = [person(35, "F"), person(9, "M", "nl"), person(12, "F", "nl"), person(4, "F")]
    doc = document(
        [centre("C1", [unit("C1-R1", "private", beds=4)], language="fr")],
        [household("H1", family)],
    )
    solution = solve(doc)
    assert solution.score == Score(V=0, P=4, W=12, Q=20)
    assert solution.placements[0].explanation.penalty.school_language == 20


def test_status_is_optimal_when_every_level_is_proven():
    doc = document(
        [centre("C1", [unit("C1-D1", beds=4, free=2)])], [household("H1"), household("H2")]
    )
    solution = solve(doc)
    assert solution.status == "optimal"
    assert [s.stage for s in solution.stages] == ["V", "P", "W", "Q"]
    assert all(s.proven for s in solution.stages)


def test_an_empty_batch_and_an_empty_network():
    solution = solve(document([centre("C1", [unit("C1-D1")])], []))
    assert (solution.status, solution.score, solution.placements) == ("optimal", Score(), ())
    solution = solve(document([], [household("H1")]))
    assert unplaced(solution) == {"H1": "no_eligible_unit"}


def test_progress_reports_each_stage_in_order():
    reports: list[Progress] = []
    doc = document(
        [centre("C1", [unit("C1-D1", beds=4, free=2)])], [household("H1"), household("H2")]
    )
    solution = optimise(parse_instance(doc), time_limit=10, on_progress=reports.append)
    done = [r for r in reports if r.stage_done]
    assert [r.stage for r in done] == ["V", "P", "W", "Q"]
    assert done[-1].score == solution.score
    assert all(a.elapsed <= b.elapsed for a, b in zip(reports, reports[1:], strict=False))


def test_a_cancelled_run_returns_a_feasible_plan_at_least_as_good_as_greedy():
    instance = parse_instance(_random_document(random.Random(7), households=8))
    solution = optimise(instance, time_limit=10, should_stop=lambda: True)
    assert (solution.status, solution.cancelled, solution.stages) == ("feasible", True, ())
    plan = placed(solution)
    assert violations(instance, plan) == []
    assert solution.score == score(instance, plan)
    assert solution.score.key >= solution_from_plan(instance, greedy_plan(instance)).score.key


def test_a_time_limit_too_short_for_any_search_still_gives_a_plan():
    instance = parse_instance(_random_document(random.Random(3), households=8))
    solution = optimise(instance, time_limit=0.001)
    assert violations(instance, placed(solution)) == []
    assert solution.greedy_score is not None
    assert solution.score.key >= solution.greedy_score.key


def test_the_greedy_baseline_and_solution_from_plan():
    doc = document(
        [centre("C1", [unit("C1-R1", "private", beds=2), unit("C1-D1", beds=4, free=1)])],
        [household("H1", vulnerable=True, registered="2026-11-22"), household("H2")],
    )
    instance = parse_instance(doc)
    # Vulnerable first; each takes its least wasteful unit among the lowest penalties.
    assert greedy_plan(instance) == {"H1": "C1-D1", "H2": "C1-R1"}
    with pytest.raises(ValueError, match=r"D3: C1-D1 takes 2 persons, 1 free"):
        solution_from_plan(instance, {"H1": "C1-D1", "H2": "C1-D1"})
    with pytest.raises(ValueError, match=r"unknown unit 'X'"):
        solution_from_plan(instance, {"H1": "X"})


@pytest.mark.parametrize(
    ("seed", "alike"), [(s, False) for s in range(25)] + [(s, True) for s in range(25, 40)]
)
def test_the_optimum_equals_brute_force_on_random_small_batches(seed: int, alike: bool):
    # `alike`: households copied from two templates, centres in one zone, so that
    # groups hold several households and share zone counts (see cpsat.py).
    doc = _random_document(random.Random(seed), households=6 if alike else 5, alike=alike)
    instance = parse_instance(doc)
    solution = optimise(instance, time_limit=10)
    plan = placed(solution)
    assert violations(instance, plan) == []
    assert solution.status == "optimal"
    assert solution.score == score(instance, plan)
    assert solution.score.key == _brute_force(instance)
    for p in solution.placements:
        h = next(h for h in instance.households if h.id == p.household)
        assert p.explanation.eligible_units == sum(
            fits_today(h, c, u) for c in instance.centres for u in c.units
        )


def _brute_force(instance: Instance) -> tuple[int, int, int, int]:
    """The best (V, P, W, -Q) over every plan, by exhaustive search."""
    units = [(c, u) for c in instance.centres for u in c.units]
    households = instance.households
    options = [[j for j, (c, u) in enumerate(units) if fits_today(h, c, u)] for h in households]
    used = [0] * len(units)
    intake = {c.id: c.daily_intake for c in instance.centres}
    best = [(-1, -1, -1, -1)]

    def search(i: int, v: int, p: int, w: int, q: int) -> None:
        if i == len(households):
            best[0] = max(best[0], (v, p, w, -q))
            return
        search(i + 1, v, p, w, q)
        h = households[i]
        for j in options[i]:
            c, u = units[j]
            room = used[j] == 0 if u.kind == "private" else used[j] < u.free
            if not room or intake[c.id] < h.size:
                continue
            used[j] += 1
            intake[c.id] -= h.size
            search(
                i + 1,
                v + (h.size if h.vulnerable else 0),
                p + h.size,
                w + instance.waiting_days(h) * h.size,
                q + penalty_terms(instance.weights, h, c).total,
            )
            used[j] -= 1
            intake[c.id] += h.size

    search(0, 0, 0, 0, 0)
    return best[0]


def _random_document(rng: random.Random, households: int, alike: bool = False) -> dict:
    regions = [("brussels", "fr"), ("flanders", "nl"), ("wallonia", "fr")]
    centres = []
    for n in range(rng.randint(2, 3)):
        region, language = regions[0] if alike and n else rng.choice(regions)
        units = []
        for m in range(rng.randint(1, 3)):
            kind = rng.choice(["private", "shared"])
            beds = rng.randint(1, 4)
            free = beds if kind == "private" and rng.random() < 0.7 else rng.randint(0, beds)
            flags = {f: rng.random() < 0.2 for f in ("women_only", "medical", "accessible")}
            units.append(unit(f"C{n}-U{m}", kind, beds, free, minors=rng.random() < 0.1, **flags))
        centres.append(
            centre(f"C{n}", units, region=region, language=language, intake=rng.randint(1, 6))
        )
    centre_ids = [c["id"] for c in centres]
    batch = []
    for i in range(households):
        size = rng.choice([1, 1, 1, 2, 3])
        minor = size == 1 and rng.random() < 0.15
        members = [
            person(rng.randint(14, 17) if minor else rng.randint(18, 70), rng.choice("FFMX"))
        ]
        members += [
            person(rng.randint(0, 17), rng.choice("FM"), rng.choice([None, "fr", "nl"]))
            for _ in range(size - 1)
        ]
        batch.append(
            household(
                f"H{i}",
                members,
                registered=f"2026-11-{rng.randint(1, 23):02d}",
                vulnerable=rng.random() < 0.4,
                medical=rng.random() < 0.1,
                accessible=rng.random() < 0.1,
                women_only=rng.random() < 0.2,
                minor=minor,
                region=rng.choice([None, None, "brussels", "flanders"]),
                family_centre=rng.choice([None, None, None, *centre_ids]),
                exclude=rng.sample(centre_ids, 1) if rng.random() < 0.2 else [],
            )
        )
    if alike:
        templates = batch[:2]
        batch = [
            {
                **rng.choice(templates),
                "id": f"H{i}",
                "registered": f"2026-11-{rng.randint(1, 23):02d}",
            }
            for i in range(households)
        ]
    return document(centres, batch, name=f"random-{households}")
