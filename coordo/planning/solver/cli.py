"""`coordo roster solve INSTANCE.json --time-limit S [--workers N] [--language en|fr|nl]`

Writes the `coordo.roster-solution/1` document to stdout and messages to stderr.
Exit status: 0 when a plan or a proof of infeasibility was written, 1 when nothing
was found in time, 2 when the input is malformed (each bad field named by its path).
A first Ctrl-C stops the search and writes the best plan found so far.
"""

from __future__ import annotations

import argparse
import json
import signal
import sys
import threading
from typing import TextIO

from .catalogue import LANGUAGES
from .messages import render_conflict
from .model import Progress
from .output import dumps, solution_to_dict
from .parse import InstanceError, parse_instance

PROGRESS_EVERY = 1.0  # seconds between two progress lines on stderr


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        raise InstanceError([f"usage: {message}"])


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="coordo roster", description="Shift planning (coordo.roster/1).")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    run = commands.add_parser("solve", help="plan the shifts of an instance file")
    run.add_argument("instance", help="a coordo.roster/1 JSON file")
    run.add_argument("--time-limit", type=float, required=True, metavar="SECONDS")
    run.add_argument("--workers", type=int, default=2, metavar="N")
    run.add_argument("--language", choices=LANGUAGES, default="en")
    return parser


def main(argv: list[str], stdout: TextIO | None = None, stderr: TextIO | None = None) -> int:
    out, err = stdout or sys.stdout, stderr or sys.stderr
    try:
        args = _parser().parse_args(argv)
        if args.time_limit <= 0 or args.workers < 1:
            raise InstanceError(["usage: --time-limit must be > 0 and --workers >= 1"])
    except InstanceError as exc:
        print(f"{exc}\n{_parser().format_usage()}", file=err, end="")
        return 2
    try:
        instance = parse_instance(_load(args.instance))
    except InstanceError as exc:
        for line in exc.errors:
            print(f"{args.instance}: {line}", file=err)
        return 2
    stop = threading.Event()
    last = [-PROGRESS_EVERY]

    def progress(p: Progress) -> None:
        if p.elapsed - last[0] >= PROGRESS_EVERY:
            last[0] = p.elapsed
            print(f"{p.elapsed:6.1f} s  objective {p.objective}  bound {p.bound}", file=err)

    # Imported here: OR-Tools takes seconds to load, malformed input is answered at once.
    from .search import solve

    previous = _on_interrupt(stop)
    try:
        solution = solve(
            instance,
            time_limit=args.time_limit,
            workers=args.workers,
            on_progress=progress,
            should_stop=stop.is_set,
        )
    finally:
        if previous is not None:
            signal.signal(signal.SIGINT, previous)
    out.write(dumps(solution_to_dict(solution, language=args.language)))
    print(
        f"{solution.status}: objective {solution.objective}, bound {solution.bound}, "
        f"{solution.solve_seconds:.1f} s",
        file=err,
    )
    for conflict in solution.conflicts:
        print(f"- {render_conflict(conflict, args.language)}", file=err)
    return 1 if solution.status == "unknown" else 0


def _load(path: str) -> object:
    try:
        with open(path, encoding="utf-8") as f:
            return json.load(f)
    except OSError as exc:
        raise InstanceError([f"cannot read the file ({exc.strerror or exc})"]) from None
    except ValueError as exc:
        raise InstanceError([f"not valid JSON ({exc})"]) from None


def _on_interrupt(stop: threading.Event):  # type: ignore[no-untyped-def]
    """Turns the first Ctrl-C into a request to stop; only the main thread may do so."""
    if threading.current_thread() is not threading.main_thread():
        return None
    return signal.signal(signal.SIGINT, lambda *_: stop.set())
