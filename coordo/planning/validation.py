"""Live validation of a hand edit, with the solver's own rule checks, in the reader's words."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from django.utils.translation import gettext as _

from coordo.planning.fetch import build_instance, shift_id, worker_id
from coordo.planning.models import Planning, Shift, Worker
from coordo.planning.solver import parse_instance
from coordo.planning.solver.rules import Facts, derive, ineligibility, person_violations

REASONS = {
    "site": lambda: _("does not work at this site"),
    "women_only": lambda: _("this site is for women only"),
    "unavailable": lambda: _("is not available at this time"),
    "absent": lambda: _("is absent that day"),
}
RULES = {
    "H3": lambda: _("would work two overlapping shifts"),
    "H4": lambda: _("would work more hours that day than allowed"),
    "H5": lambda: _("would not get a full night's rest"),
    "H6": lambda: _("would go over their maximum shifts this month"),
}


def cell_problems(planning: Planning, shift: Shift, worker_pks: Sequence[int]) -> list[str]:
    """Each hard rule the draft would break with exactly `worker_pks` on `shift`."""
    document = build_instance(planning)
    document.pop("fixed", None)  # editing a hand-set cell is the point of the edit
    facts = derive(parse_instance(document))
    names = dict(Worker.objects.filter(pk__in=worker_pks).values_list("pk", "name"))
    s = facts.shift_index[shift_id(shift.pk)]
    solver_shift = facts.instance.shifts[s]
    problems: list[str] = []
    if len(worker_pks) != shift.required:
        problems.append(
            _("This shift needs %(required)d people; %(count)d assigned.")
            % {"required": shift.required, "count": len(worker_pks)}
        )
    team: list[int] = []
    for pk in worker_pks:
        p = facts.person_index.get(worker_id(pk))
        if p is None:
            problems.append(f"{names[pk]}: {REASONS['site']()}")
            continue
        reason = ineligibility(
            facts.instance.people[p], solver_shift, facts.site_women_only(s), facts.slot[s]
        )
        if reason is not None:
            problems.append(f"{names[pk]}: {REASONS[reason]()}")
        team.append(p)
    langs = solver_shift.languages_any
    if langs and all(facts.instance.people[p].languages.isdisjoint(langs) for p in team):
        problems.append(
            _("Nobody on this shift speaks %(languages)s.")
            % {"languages": " / ".join(sorted(langs))}
        )
    if s in facts.frozen and set(team) != facts.previous[s]:
        problems.append(_("This shift is in the past of the published planning: it cannot change."))
    problems += _person_rules(planning, shift, facts, team, names)
    return problems


def _person_rules(
    planning: Planning, shift: Shift, facts: Facts, team: list[int], names: dict[int, str]
) -> list[str]:
    work: dict[int, list[int]] = defaultdict(list)
    for shift_pk, worker_pk in planning.assignments.exclude(shift=shift).values_list(
        "shift_id", "worker_id"
    ):
        p = facts.person_index.get(worker_id(worker_pk))
        if p is not None and p in team:
            work[p].append(facts.shift_index[shift_id(shift_pk)])
    s = facts.shift_index[shift_id(shift.pk)]
    problems = []
    for p in team:
        name = names[int(facts.instance.people[p].id[1:])]
        for rule, involved in person_violations(facts, p, [*work[p], s]):
            if s in involved:
                problems.append(f"{name}: {RULES[rule]()}")
    return problems
