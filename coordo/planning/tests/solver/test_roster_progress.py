"""Progress reports while solving, and the cancel button."""

from __future__ import annotations

import random
import time

from coordo.planning.solver import Progress, parse_instance, solve

from .builders import instance, person, shift, window

SLOTS = ("06:00", "09:00", "12:00", "15:00", "18:00", "21:00")


def busy_week() -> dict:
    """Four days of six 3-hour slots for two hosts, twelve people with random hours."""
    rng = random.Random(7)
    shifts = []
    for day in ("mon", "tue", "wed", "thu"):
        for k, start in enumerate(SLOTS):
            end = SLOTS[k + 1] if k + 1 < len(SLOTS) else "24:00"
            shifts.append(shift(f"{day}-{start[:2]}", day, start, end, required=2))
    people = []
    for i in range(12):
        days = rng.sample(range(4), 3)
        people.append(
            person(
                f"p{i}",
                max_shifts_per_month=8,
                available=[window(d, "06:00", "24:00") for d in days],
                preferred=[window(d, rng.choice(SLOTS), "24:00") for d in days],
            )
        )
    return instance(shifts, people, weights={"fairness": 1, "not_preferred": 2, "split_day": 3})


def test_progress_reports_better_and_better_plans_up_to_the_answer():
    reports: list[Progress] = []

    solution = solve(parse_instance(busy_week()), time_limit=10, on_progress=reports.append)

    assert reports
    objectives = [r.objective for r in reports]
    assert objectives == sorted(objectives, reverse=True)
    assert all(r.bound is not None and r.bound <= solution.objective for r in reports)
    assert len(reports[-1].assignments) == 24
    assert objectives[-1] == solution.objective  # the model scores plans as the rules do
    assert solution.first_solution_seconds is not None


def test_should_stop_ends_the_search_soon_with_the_best_plan_so_far():
    calls = []

    def stop() -> bool:
        calls.append(time.monotonic())
        return True

    started = time.monotonic()
    solution = solve(parse_instance(busy_week()), time_limit=60, should_stop=stop)

    assert time.monotonic() - started < 5
    assert calls
    assert solution.status == "feasible"
    assert sum(len(a.people) for a in solution.assignments) == 48
