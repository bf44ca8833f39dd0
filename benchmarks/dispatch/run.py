"""Dispatch benchmark: the optimiser, the greedy baseline and a weighted-sum model.

    .venv/bin/python benchmarks/dispatch/run.py [--sizes small daily surge] [--seeds 1]

For each size it generates one instance (generate.py), solves it three ways in
the same run, checks every solution with the reference rules
(`formats/dispatch_rules.py` under $COORDO_SHARED, default ../shared) and
prints a markdown table: the score tuple, the time, the rules' verdict and
whether the reported score agrees with the rules'.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import sys
import time
from pathlib import Path
from types import ModuleType
from typing import Any

from generate import SIZES, generate  # siblings: run as a script, see the docstring
from weighted import solve_weighted

from coordo.dispatch.optimiser import (
    Solution,
    greedy_plan,
    optimise,
    parse_instance,
    solution_from_plan,
    solution_to_dict,
)

REPO_ROOT = Path(__file__).resolve().parents[2]
OPTIMISER_LIMITS = {"small": 10.0, "daily": 10.0, "surge": 30.0}
WEIGHTED_LIMITS = {"small": 10.0, "daily": 10.0, "surge": 60.0}


def reference_rules() -> ModuleType:
    shared = Path(os.environ.get("COORDO_SHARED", REPO_ROOT.parent / "shared"))
    path = shared / "formats" / "dispatch_rules.py"
    spec = importlib.util.spec_from_file_location("dispatch_rules", path)
    if spec is None or spec.loader is None or not path.exists():
        raise SystemExit(f"reference rules not found at {path} (set COORDO_SHARED)")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _limits(values: list[str], defaults: dict[str, float]) -> dict[str, float]:
    """`--…-time-limit 20` for every size, or `surge=120` for one."""
    limits = dict(defaults)
    for value in values:
        size, _, seconds = value.rpartition("=")
        for name in [size] if size else list(limits):
            limits[name] = float(seconds)
    return limits


def _row(
    rules: ModuleType, document: dict, solution: dict, method: str, status: str, seconds: float
) -> dict[str, Any]:
    verdict = rules.score(document, solution)
    return {
        "method": method,
        "status": status,
        "score": solution["score"],
        "seconds": seconds,
        "feasible": verdict["feasible"],
        "agrees": verdict["score_matches_reported"] is True,
    }


def bench(size: str, seed: int, args: argparse.Namespace, rules: ModuleType) -> list[dict]:
    document = generate(size, seed)
    instance = parse_instance(document)
    rows = []

    started = time.perf_counter()
    first: list[float] = []  # when the first complete plan was reported
    solution = optimise(
        instance,
        time_limit=args.optimiser_limits[size],
        workers=args.workers,
        on_progress=lambda p: first.append(p.elapsed) if not first else None,
    )
    seconds = time.perf_counter() - started
    rows.append(
        _row(
            rules,
            document,
            solution_to_dict(solution),
            "optimiser (V,P,W,Q stages)",
            solution.status,
            seconds,
        )
    )
    print(
        f"{instance.name}: optimiser first plan at {first[0] if first else seconds:.2f}s, "
        f"stages {_stages(solution)}",
        file=sys.stderr,
    )

    started = time.perf_counter()
    plan = greedy_plan(instance)
    seconds = time.perf_counter() - started
    greedy = solution_to_dict(solution_from_plan(instance, plan, solve_seconds=seconds))
    rows.append(_row(rules, document, greedy, "greedy baseline", "feasible", seconds))

    run = solve_weighted(instance, time_limit=args.weighted_limits[size], workers=args.workers)
    seconds = run.build_seconds + run.solve_seconds
    if run.plan or run.status in ("optimal", "feasible"):
        weighted = solution_to_dict(solution_from_plan(instance, run.plan, solve_seconds=seconds))
        weighted["status"] = "optimal" if run.status == "optimal" else "feasible"
        rows.append(
            _row(rules, document, weighted, "weighted sum, one var per pair", run.status, seconds)
        )
    else:
        rows.append(
            {
                "method": "weighted sum, one var per pair",
                "status": run.status,
                "score": None,
                "seconds": seconds,
                "feasible": None,
                "agrees": None,
            }
        )
    print(
        f"{instance.name}: weighted sum {run.pairs} pair variables, built in {run.build_seconds:.1f}s, "
        f"limit {args.weighted_limits[size]:.0f}s",
        file=sys.stderr,
    )
    for row in rows:
        row.update(
            instance=instance.name,
            households=len(instance.households),
            centres=len(instance.centres),
            units=sum(len(c.units) for c in instance.centres),
        )
    return rows


def _stages(solution: Solution) -> str:
    return ", ".join(
        f"{s.stage} {s.value}{'' if s.proven else f' (bound {s.bound})'} {s.seconds:.1f}s"
        for s in solution.stages
    )


def table(rows: list[dict]) -> str:
    lines = [
        "| instance | households | centres | units | method | status | V | P | W | Q | seconds "
        "| feasible (rules) | score agrees |",
        "|---|---:|---:|---:|---|---|---:|---:|---:|---:|---:|---|---|",
    ]
    for r in rows:
        score = r["score"] or {}
        cells = [
            r["instance"],
            r["households"],
            r["centres"],
            r["units"],
            r["method"],
            r["status"],
            *(score.get(k, "–") for k in "VPWQ"),
            f"{r['seconds']:.2f}",
            {True: "yes", False: "**no**", None: "–"}[r["feasible"]],
            {True: "yes", False: "**no**", None: "–"}[r["agrees"]],
        ]
        lines.append("| " + " | ".join(str(c) for c in cells) + " |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", nargs="+", choices=sorted(SIZES), default=list(SIZES))
    parser.add_argument("--seeds", nargs="+", type=int, default=[1])
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument(
        "--optimiser-time-limit",
        action="append",
        default=[],
        metavar="[SIZE=]SECONDS",
        help=f"default {OPTIMISER_LIMITS}",
    )
    parser.add_argument(
        "--weighted-time-limit",
        action="append",
        default=[],
        metavar="[SIZE=]SECONDS",
        help=f"default {WEIGHTED_LIMITS}",
    )
    args = parser.parse_args(argv)
    args.optimiser_limits = _limits(args.optimiser_time_limit, OPTIMISER_LIMITS)
    args.weighted_limits = _limits(args.weighted_time_limit, WEIGHTED_LIMITS)
    rules = reference_rules()
    # The machine may be shared: the load average says how much CPU the run had.
    print(
        f"load average before: {os.getloadavg()[0]:.2f} on {os.cpu_count()} CPUs", file=sys.stderr
    )
    rows = [
        row for size in args.sizes for seed in args.seeds for row in bench(size, seed, args, rules)
    ]
    print(f"load average after: {os.getloadavg()[0]:.2f}", file=sys.stderr)
    print(table(rows))
    return 0 if all(r["feasible"] is not False and r["agrees"] is not False for r in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
