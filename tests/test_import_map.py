"""The house's map, checked: which package may import which (docs/ARCHITECTURE.md).

The shared parts import no domain app, solvers import no Django, and the domain apps
that sit side by side do not import each other in both directions.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent / "coordo"
DOMAIN_APPS = (
    "people",
    "casework",
    "partners",
    "housing",
    "planning",
    "dispatch",
    "incidents",
    "community",
)
SHARED = (
    "access",
    "web",
    "appconfig.py",
    "registry.py",
    "personal_data.py",
    "disclosure.py",
    "notifications",
    "background",
)


def imported_modules(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return found


def product_files(part: str) -> list[Path]:
    target = ROOT / part
    assert target.exists(), f"{part} is not in coordo/: keep this map true"
    files = [target] if target.is_file() else sorted(target.rglob("*.py"))
    return [file for file in files if "tests" not in file.relative_to(ROOT).parts]


def offences(part: str, forbidden: tuple[str, ...]) -> list[str]:
    return sorted(
        f"{file.relative_to(ROOT)} imports {module}"
        for file in product_files(part)
        for module in imported_modules(file)
        if any(module == name or module.startswith(name + ".") for name in forbidden)
    )


@pytest.mark.parametrize("part", SHARED)
def test_the_shared_parts_import_no_domain_app(part):
    assert offences(part, tuple(f"coordo.{app}" for app in DOMAIN_APPS)) == []


@pytest.mark.parametrize("solver", ["planning/solver", "dispatch/optimiser"])
def test_solvers_are_plain_python(solver):
    assert offences(solver, ("django", "coordo.access")) == []


def test_partners_does_not_import_casework():
    # Casework refers people to partners; partners know nothing of case files.
    assert offences("partners", ("coordo.casework",)) == []


def test_no_two_domain_apps_import_each_other():
    imports = {
        app: {
            other for other in DOMAIN_APPS if other != app and offences(app, (f"coordo.{other}",))
        }
        for app in DOMAIN_APPS
    }
    cycles = sorted({tuple(sorted((a, b))) for a in imports for b in imports[a] if a in imports[b]})
    assert cycles == []
