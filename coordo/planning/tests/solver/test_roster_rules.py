"""The solver's own scoring agrees with the reference rules on arbitrary plans."""

from __future__ import annotations

import importlib
import json
import random
from pathlib import Path
from types import ModuleType

import pytest

from coordo.planning.solver import parse_instance
from coordo.planning.solver.rules import derive, evaluate

from .builders import WEIGHTS, instance, person, shared_dir, shift, window

RULES = shared_dir() / "formats" / "roster_rules.py"
EXAMPLES = sorted(
    p
    for p in (shared_dir() / "formats" / "examples").glob("roster-*.json")
    if not p.name.endswith(".solution.json")
)
pytestmark = pytest.mark.skipif(not RULES.exists(), reason=f"no reference rules at {RULES}")


@pytest.fixture
def rules(monkeypatch: pytest.MonkeyPatch) -> ModuleType:
    """The reference module, imported from the shared formats directory."""
    monkeypatch.syspath_prepend(str(RULES.parent))
    return importlib.import_module("roster_rules")


def replanned() -> dict:
    """A week with fixed pairs, a previous plan, splits and a rota: every soft term."""
    mornings = [window(d, "09:00", "12:00") for d in range(7)]
    days = ("mon", "tue", "wed", "thu")
    shifts = [
        shift(f"{d}{h}", d, f"{h}:00", f"{int(h) + 3}:00") for d in days for h in ("09", "12", "15")
    ]
    return instance(
        shifts,
        [
            person("a", preferred=mornings, undesired=[window(1, "12:00", "18:00")]),
            person("b", max_shifts_per_month=5, languages=["ar"]),
            person("c", absent=[{"from": "2026-03-04", "to": "2026-03-04"}]),
        ],
        weights={name: k + 1 for k, name in enumerate(WEIGHTS)},
        fixed=[{"shift": "tue09", "person": "c"}],
        previous={
            "from": "2026-03-03T00:00",
            "assignments": [
                {"shift": s["id"], "people": ["a"]} for s in shifts if s["id"][:3] in ("mon", "wed")
            ],
        },
        oncall=[
            {
                "id": "garde",
                "members": [{"id": "ines", "absent": []}, {"id": "jan", "absent": []}],
                "periods": [
                    {
                        "id": "g1",
                        "start": "2026-03-02T08:00",
                        "end": "2026-03-05T08:00",
                        "weekend": False,
                    },
                    {
                        "id": "g2",
                        "start": "2026-03-05T08:00",
                        "end": "2026-03-08T08:00",
                        "weekend": True,
                    },
                ],
            }
        ],
    )


def documents() -> list[tuple[str, dict]]:
    return [("replanned", replanned())] + [
        (p.stem, json.loads(p.read_text(encoding="utf-8"))) for p in EXAMPLES
    ]


@pytest.mark.parametrize(("name", "document"), documents(), ids=[n for n, _ in documents()])
def test_targets_and_scores_of_random_plans_match_the_reference(
    name: str, document: dict, rules: ModuleType
):
    facts = derive(parse_instance(document))
    ref = rules.parse_instance(document)
    assert list(facts.targets) == list(rules.fairness_targets(ref).values())
    rng = random.Random(name)
    people = [p["id"] for p in document["people"]]
    periods = [
        (g["id"], [m["id"] for m in r["members"]])
        for r in document.get("oncall", [])
        for g in r["periods"]
    ]
    for _ in range(20):
        teams = {
            s["id"]: rng.sample(people, min(len(people), rng.choice((1, 2, 2, 3))))
            for s in document["shifts"]
        }
        holders = {g: rng.choice(members) for g, members in periods}
        plan = {
            facts.shift_index[s]: [facts.person_index[p] for p in team] for s, team in teams.items()
        }

        mine = evaluate(facts, plan, holders)
        theirs = rules.score(
            ref,
            {
                "format": "coordo.roster-solution/1",
                "instance": document["name"],
                "assignments": [{"shift": s, "people": t} for s, t in teams.items()],
                "oncall": [{"period": g, "person": c} for g, c in holders.items()],
            },
        )

        assert mine.objective == theirs["objective"]
        assert dict(mine.terms) == theirs["soft"]
        assert sorted({v[:2] for v in mine.violations}) == sorted(
            c for c, n in theirs["hard"].items() if n
        )


def test_the_solution_file_of_an_example_scores_the_same(tmp_path: Path):
    if not EXAMPLES:
        pytest.skip("no roster examples")
    path = EXAMPLES[0]
    document = json.loads(path.read_text(encoding="utf-8"))
    solution = json.loads(path.with_suffix(".solution.json").read_text(encoding="utf-8"))
    facts = derive(parse_instance(document))
    plan = {
        facts.shift_index[a["shift"]]: [facts.person_index[p] for p in a["people"]]
        for a in solution["assignments"]
    }

    score = evaluate(facts, plan, {o["period"]: o["person"] for o in solution["oncall"]})

    assert score.violations == ()
    assert score.objective == solution["objective"]
