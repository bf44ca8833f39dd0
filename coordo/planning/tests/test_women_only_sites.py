"""A women-only site reaches the solver, and the live check names a worker who may not work there."""

from __future__ import annotations

from coordo.access.models import Site
from coordo.planning.fetch import build_instance
from coordo.planning.models import Planning, Shift, Worker
from coordo.planning.solver import parse_instance, solve
from coordo.planning.validation import cell_problems


def _women_only(site: Site, team: list[Worker], *, female: set[int]) -> None:
    Site.objects.filter(pk=site.pk).update(women_only=True)
    Worker.objects.filter(pk__in=[team[i].pk for i in female]).update(female=True)


def test_the_flag_is_sent_to_the_solver(draft: Planning, team: list[Worker], site: Site) -> None:
    assert build_instance(draft)["sites"] == [{"id": f"site{site.pk}", "women_only": False}]
    _women_only(site, team, female=set())
    assert build_instance(draft)["sites"] == [{"id": f"site{site.pk}", "women_only": True}]


def test_the_live_check_names_a_worker_who_may_not_work_there(
    draft: Planning, team: list[Worker], site: Site
) -> None:
    _women_only(site, team, female={0})
    shift = Shift.objects.filter(languages_any=["ar", "ti"]).order_by("start").first()
    assert shift is not None
    assert cell_problems(draft, shift, [team[0].pk, team[1].pk]) == [
        "Samir Test: this site is for women only"
    ]


def test_the_solver_plans_only_eligible_workers(
    draft: Planning, team: list[Worker], site: Site
) -> None:
    _women_only(site, team, female={0, 1, 2, 3, 4})
    solution = solve(parse_instance(build_instance(draft)), time_limit=3, workers=1)
    planned = {person for a in solution.assignments for person in a.people}
    assert planned <= {f"w{team[i].pk}" for i in (0, 1, 2, 3, 4)}
    assert len(planned) == 5
