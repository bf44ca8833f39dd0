"""Re-run the proof that the safety nets catch the planted leaks of issue 10.

    .venv/bin/python tests/planted_leaks.py            # every plant
    .venv/bin/python tests/planted_leaks.py threshold  # some, by name
    .venv/bin/python tests/planted_leaks.py --baseline # the same tests, nothing planted

For each plant: the working tree's files (tracked and new, not ignored) are copied to a
temporary directory, the plant is applied there (one exact replacement, which must
match once), the tests that must catch it run in one process, and the plant counts as
caught only if they fail. The working tree is never touched. Prints the failing test
ids; exits 1 if a plant got through. `--baseline` runs the same tests unplanted: they
must pass, or a "caught" plant proves nothing.

A new kind of leak the suite must catch is one more `Plant` below.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Plant:
    """A leak: `old` becomes `new` in `path`; then `tests` (pytest arguments) must fail."""

    what: str
    path: str
    old: str
    new: str
    tests: tuple[str, ...]


PLANTS = {
    # A view that drops its audit write: the canary's audit rule (tests/audit_rule.py).
    "audit": Plant(
        what="the person page writes no audit row",
        path="coordo/people/views.py",
        old="    audit.record(AuditAction.VIEW, principal=principal, obj=person)\n"
        '    membership = person.memberships.select_related("household").first()\n',
        new='    membership = person.memberships.select_related("household").first()\n',
        tests=("tests/test_canary.py", "-k", "person_detail"),
    ),
    # A confidential-field check that ignores the site the permission was granted at:
    # only users holding different roles at two sites (tests/world.py MULTI_ROLE) see it.
    "site_address": Plant(
        what="the secret address is shown to whoever may see it at any site",
        path="coordo/housing/queries/__init__.py",
        old="return principal.can(Perm.CONFIDENTIAL_ADDRESS_VIEW, site_id)",
        new="return principal.can(Perm.CONFIDENTIAL_ADDRESS_VIEW)",
        tests=("tests/test_canary.py", "-k", "building_list or unit"),
    ),
    "site_person": Plant(
        what="national number and phone are shown to whoever may see them at any site",
        path="coordo/people/views.py",
        old='"show_confidential": principal.can(Perm.PERSON_VIEW_CONFIDENTIAL, person.site_id),',
        new='"show_confidential": principal.can(Perm.PERSON_VIEW_CONFIDENTIAL),',
        tests=("tests/test_canary.py", "-k", "person_detail"),
    ),
    # A suppression threshold of 2: the disclosure tests count 1 to 4.
    "threshold": Plant(
        what="disclosure control suppresses counts under 2 instead of 5",
        path="coordo/disclosure.py",
        old="THRESHOLD = 5\n",
        new="THRESHOLD = 2\n",
        tests=(
            "tests/test_disclosure.py",
            "coordo/housing/tests/test_figures_aggregate.py",
            "coordo/housing/tests/test_figures_attack.py",
        ),
    ),
}


def copy_tree(target: Path) -> None:
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],  # noqa: S607
        cwd=ROOT,
        capture_output=True,
        check=True,
    ).stdout
    for name in filter(None, listed.decode().split("\0")):
        source = ROOT / name
        if source.is_file():  # a file deleted in the working tree is still listed
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)


def apply(plant: Plant, tree: Path) -> None:
    path = tree / plant.path
    text = path.read_text()
    found = text.count(plant.old)
    if found != 1:
        raise SystemExit(f"{plant.path}: the plant's text is found {found} times, not once")
    path.write_text(text.replace(plant.old, plant.new))


def run_tests(plant: Plant, tree: Path) -> tuple[int, list[str], str]:
    """Exit status, failing test ids and pytest's last line."""
    command = [sys.executable, "-m", "pytest", "-n", "0", "-q", "-rf", "--no-header", *plant.tests]
    result = subprocess.run(command, cwd=tree, capture_output=True, text=True)  # noqa: S603
    lines = result.stdout.splitlines()
    failed = [line.split()[1] for line in lines if line.startswith("FAILED ")]
    return result.returncode, failed, lines[-1] if lines else result.stderr[-500:]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("names", nargs="*", metavar="NAME", help=", ".join(PLANTS))
    parser.add_argument("--baseline", action="store_true", help="run the tests unplanted")
    args = parser.parse_args()
    if unknown := set(args.names) - PLANTS.keys():
        parser.error(f"no such plant: {', '.join(sorted(unknown))}")
    through = []
    for name in args.names or PLANTS:
        plant = PLANTS[name]
        with tempfile.TemporaryDirectory(prefix=f"plant-{name}-") as directory:
            tree = Path(directory)
            copy_tree(tree)
            if not args.baseline:
                apply(plant, tree)
            started = time.monotonic()
            status, failed, summary = run_tests(plant, tree)
        seconds = time.monotonic() - started
        print(
            f"== {name}: {plant.what}\n   {' '.join(plant.tests)}\n   {summary} ({seconds:.0f} s)"
        )
        for test in failed:
            print(f"   FAILED {test}")
        wanted_failure = not args.baseline
        if (status != 0) != wanted_failure or (wanted_failure and not failed):
            through.append(name)
    if through:
        verdict = "fail unplanted" if args.baseline else "let these plants through"
        print(f"The tests {verdict}: {', '.join(through)}")
        return 1
    print("Every baseline passes." if args.baseline else "Every plant is caught.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
