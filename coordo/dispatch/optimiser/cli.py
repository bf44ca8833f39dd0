"""`coordo dispatch solve INSTANCE.json --time-limit S [--workers N] [--language L]`.

The solution JSON goes to stdout, progress and errors to stderr. Exit codes: 0
solved, 2 the instance cannot be read or is malformed (each bad field named by
its JSON path). Ctrl-C stops the search and prints the best plan found so far.
"""

from __future__ import annotations

import argparse
import json
import signal
import sys
from types import FrameType

from .messages import LANGUAGES
from .model import Progress
from .parse import InstanceError, parse_instance
from .solution import solution_to_dict
from .solve import optimise

EXIT_MALFORMED = 2


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="coordo dispatch", description="Daily dispatch optimiser (coordo.dispatch/1)."
    )
    commands = parser.add_subparsers(dest="command", required=True)
    solve = commands.add_parser("solve", help="propose a placement for each household of a batch")
    solve.add_argument("instance", help="a coordo.dispatch/1 JSON file")
    solve.add_argument("--time-limit", type=float, required=True, metavar="SECONDS")
    solve.add_argument("--workers", type=int, default=2, help="CP-SAT workers (default 2)")
    solve.add_argument(
        "--language", choices=LANGUAGES, default="en", help="language of the explanations"
    )
    return parser


def main(argv: list[str]) -> int:
    args = _parser().parse_args(argv)
    if args.time_limit <= 0 or args.workers < 1:
        print("coordo dispatch: --time-limit must be > 0 and --workers >= 1", file=sys.stderr)
        return EXIT_MALFORMED
    try:
        with open(args.instance, encoding="utf-8") as handle:
            document = json.load(handle)
        instance = parse_instance(document)
    except OSError as exc:
        print(f"{args.instance}: cannot be read ({exc.strerror})", file=sys.stderr)
        return EXIT_MALFORMED
    except json.JSONDecodeError as exc:
        print(
            f"{args.instance}: not JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})",
            file=sys.stderr,
        )
        return EXIT_MALFORMED
    except InstanceError as exc:
        for error in exc.errors:
            print(f"{args.instance}: {error}", file=sys.stderr)
        return EXIT_MALFORMED

    interrupted = False

    def interrupt(_signum: int, _frame: FrameType | None) -> None:
        nonlocal interrupted
        interrupted = True

    previous = signal.signal(signal.SIGINT, interrupt)
    try:
        solution = optimise(
            instance,
            time_limit=args.time_limit,
            workers=args.workers,
            on_progress=_print_progress,
            should_stop=lambda: interrupted,
        )
    finally:
        signal.signal(signal.SIGINT, previous)
    json.dump(
        solution_to_dict(solution, language=args.language), sys.stdout, indent=2, ensure_ascii=False
    )
    sys.stdout.write("\n")
    s = solution.score
    print(
        f"{solution.status}{' (stopped)' if solution.cancelled else ''}: "
        f"V={s.V} P={s.P} W={s.W} Q={s.Q}, {len(solution.placements)} placed, "
        f"{len(solution.unplaced)} unplaced, {solution.solve_seconds:.2f}s",
        file=sys.stderr,
    )
    return 0


def _print_progress(progress: Progress) -> None:
    if progress.stage_done:
        s = progress.score
        print(
            f"stage {progress.stage} done at {progress.elapsed:.2f}s: "
            f"V={s.V} P={s.P} W={s.W} Q={s.Q}",
            file=sys.stderr,
        )
