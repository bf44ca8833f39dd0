"""The shift-planning benchmark: the solver against a plain CP-SAT model.

    .venv/bin/python benchmarks/roster/run.py                     # small, medium, large × 10 s, 60 s
    .venv/bin/python benchmarks/roster/run.py --sizes small --limits 5

Each run is a fresh subprocess (so memory and caches do not leak between runs) that
solves one generated instance and writes its solution; the parent reads the child's
own peak memory from wait4, checks the solution with the reference rules
(`formats/roster_rules.py`, found through $COORDO_SHARED or ../shared) and prints a
markdown table.
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
SHARED = Path(os.environ.get("COORDO_SHARED", REPO.parent / "shared"))
SOLVERS = ("coordo", "baseline")
MEMORY_CAP = 12 * 1024**3  # bytes of address space a run may take before it is stopped


def child(solver: str, instance_path: str, limit: float, workers: int, out: str) -> None:
    """Runs inside the subprocess: solve, then write the solution document."""
    sys.path.insert(0, str(HERE))
    from coordo.planning.solver import parse_instance, solution_to_dict, solve

    instance = parse_instance(json.loads(Path(instance_path).read_text(encoding="utf-8")))
    if solver == "coordo":
        solution = solve(instance, time_limit=limit, workers=workers)
        document = solution_to_dict(solution)
        document["first_solution_seconds"] = solution.first_solution_seconds
    else:
        from baseline import solve_baseline

        document = solve_baseline(instance, limit, workers)
    Path(out).write_text(json.dumps(document), encoding="utf-8")


def measure(solver: str, instance: Path, limit: float, workers: int, tmp: Path) -> dict[str, Any]:
    """One run in a subprocess: its figures, its peak memory, its wall time."""
    out = tmp / f"{instance.stem}-{solver}-{limit:g}.solution.json"
    command = [
        sys.executable,
        str(Path(__file__)),
        "--child",
        solver,
        str(instance),
        str(limit),
        str(workers),
        str(out),
    ]
    started = time.monotonic()
    process = subprocess.Popen(command, preexec_fn=_cap_memory)  # noqa: S603, PLW1509
    timeout = 3 * limit + 120
    while True:
        pid, status, usage = os.wait4(process.pid, os.WNOHANG)
        if pid:
            break
        if time.monotonic() - started > timeout:
            process.kill()
            pid, status, usage = os.wait4(process.pid, 0)
            break
        time.sleep(0.05)
    process.returncode = os.waitstatus_to_exitcode(status)
    run: dict[str, Any] = {
        "solver": solver,
        "limit": limit,
        "wall": time.monotonic() - started,
        "peak_mb": usage.ru_maxrss / 1024,
        "exit": process.returncode,
    }
    if process.returncode == 0 and out.exists():
        run["solution"] = json.loads(out.read_text(encoding="utf-8"))
    return run


def _cap_memory() -> None:
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_CAP, MEMORY_CAP))


def check(rules: Any, instance: dict[str, Any], solution: dict[str, Any]) -> dict[str, Any]:
    score = rules.score(
        instance, {k: v for k, v in solution.items() if k != "first_solution_seconds"}
    )
    return {"feasible": score["feasible"], "objective": score["objective"]}


def row(size: str, run: dict[str, Any], rules: Any, instance: dict[str, Any]) -> str:
    """One table line. The gap is taken from the objective the reference rules give."""
    cells = [size, f"{run['limit']:g}", run["solver"]]
    solution = run.get("solution")
    if solution is None:
        why = "killed (time or memory)" if run["exit"] else "no solution file"
        cells += [why, *["–"] * 6, f"{run['wall']:.1f}", f"{run['peak_mb']:.0f}", "–"]
        return "| " + " | ".join(cells) + " |"
    reported, bound = solution["objective"], solution["bound"]
    first = solution.get("first_solution_seconds")
    objective, verdict = None, "–"
    if reported is not None:
        judged = check(rules, instance, solution)
        objective = judged["objective"]
        agrees = "agrees" if objective == reported else f"solver said {reported}"
        verdict = f"{'feasible' if judged['feasible'] else 'INFEASIBLE'}, {agrees}"
    gap = "–"
    if objective and bound is not None:
        gap = f"{100 * (objective - bound) / objective:.1f} %"
    cells += [
        solution["status"],
        "–" if first is None else f"{first:.1f}",
        "–" if objective is None else str(objective),
        "–" if bound is None else str(bound),
        gap,
        f"{solution['solve_seconds']:.1f}",
        f"{run['wall']:.1f}",
        f"{run['peak_mb']:.0f}",
        verdict,
    ]
    return "| " + " | ".join(cells) + " |"


HEADER = (
    "| size | limit (s) | solver | status | first plan (s) | objective | bound | gap "
    "| solve (s) | process (s) | peak MB | reference rules |\n"
    "|---|---|---|---|---|---|---|---|---|---|---|---|"
)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv and argv[0] == "--child":
        child(argv[1], argv[2], float(argv[3]), int(argv[4]), argv[5])
        return 0
    parser = argparse.ArgumentParser(description="Shift-planning benchmark.")
    parser.add_argument("--sizes", default="small,medium,large")
    parser.add_argument("--limits", default="10,60", help="time limits in seconds, comma-separated")
    parser.add_argument("--solvers", default=",".join(SOLVERS))
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args(argv)
    sys.path.insert(0, str(SHARED / "formats"))
    rules = importlib.import_module("roster_rules")
    sys.path.insert(0, str(HERE))
    from generate import generate

    print(
        f"seed {args.seed}, {args.workers} workers, {os.cpu_count()} CPUs, load {os.getloadavg()[0]:.1f}\n"
    )
    print(HEADER, flush=True)
    with tempfile.TemporaryDirectory() as tmp:
        for size in args.sizes.split(","):
            document = generate(size, args.seed)
            path = Path(tmp) / f"{size}.json"
            path.write_text(json.dumps(document), encoding="utf-8")
            for limit in (float(x) for x in args.limits.split(",")):
                for solver in args.solvers.split(","):
                    run = measure(solver, path, limit, args.workers, Path(tmp))
                    print(row(size, run, rules, document), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
