"""The planning page says what the solver's penalty is made of, and its fairness table follows
the plan on the board while the solver works (issue 11, point 14)."""

from __future__ import annotations

from datetime import time

from conftest import verified_client
from coordo.access.models import User
from coordo.access.scoping import principal_for_user
from coordo.planning import actions
from coordo.planning.models import (
    Planning,
    PlanningRun,
    RunStatus,
    Shift,
    WeeklyWindow,
    Worker,
)
from coordo.planning.tests.factories import running_run, window


def _fairness_row(page: str, name: str) -> str:
    table = page[page.index('data-testid="fairness"') :]
    return table[table.index(f"<td>{name}</td>") :].split("</tr>")[0]


def test_the_penalty_is_told_in_plain_words(
    draft: Planning, team: list[Worker], coordinator: User
) -> None:
    yara, anna = team[0], team[2]
    # Wednesday 2 December, 09:00–12:00: Anna prefers afternoons and would rather not start early.
    first_morning = Shift.objects.exclude(languages_any=[]).order_by("start")[0]
    weekday = first_morning.start.weekday()
    WeeklyWindow.objects.bulk_create(
        [
            window(anna, "preferred", weekday, time(12), time(15)),
            window(anna, "undesired", weekday, time(8), time(13)),
        ]
    )
    actions.assign_shift(
        draft,
        first_morning,
        workers=[yara, anna],
        accept_broken_rules=False,
        by=principal_for_user(coordinator),
    )
    page = verified_client(coordinator).get(f"/planning/{draft.pk}/").content.decode()
    # Yara stated no preferred hours: her shift is outside none. Everyone is far from 6.
    assert (
        "Where this plan falls short of the wishes: 1 shift outside preferred hours, "
        "1 shift in hours someone would rather not work, "
        "6 people a whole shift or more away from their fair share."
    ) in page
    assert "penalty" not in page


def test_the_fairness_table_follows_the_board_while_the_solver_works(
    draft: Planning, team: list[Worker], coordinator: User
) -> None:
    shifts = list(Shift.objects.order_by("start")[:3])
    anna, bram = team[2], team[3]
    progress = {
        "elapsed": 2.0,
        "objective": 500,
        "bound": 100,
        "assignments": {f"s{s.pk}": [f"w{anna.pk}", f"w{bram.pk}"] for s in shifts},
    }
    run = running_run(draft, coordinator, progress=progress)
    client = verified_client(coordinator)
    page = client.get(f"/planning/{draft.pk}/").content.decode()
    assert _fairness_row(page, "Anna Test").startswith("<td>Anna Test</td><td>3</td>")
    assert "best plan after 2.0 s" in page
    assert "no plan can do better" not in page
    # The solver ends with another plan: the next poll brings its table.
    PlanningRun.objects.filter(pk=run.pk).update(status=RunStatus.DONE)
    actions.assign_shift(
        draft,
        shifts[0],
        workers=[anna, team[4]],
        accept_broken_rules=True,
        by=principal_for_user(coordinator),
    )
    fragment = client.get(f"/planning/runs/{run.pk}/", headers={"HX-Request": "true"})
    text = fragment.content.decode()
    assert "every 1s" not in text
    assert _fairness_row(text, "Anna Test").startswith("<td>Anna Test</td><td>1</td>")
    assert _fairness_row(text, "Bram Test").startswith("<td>Bram Test</td><td>0</td>")
