"""One layout, checked (docs/ARCHITECTURE.md, "Inside an app").

Each app's modules are `actions`, `queries`, `views`, `api`…: a module, or a package of
the same name once it grows, split by area. Never a sibling such as `rota_actions.py`
or `views_desk.py`. Reads live in `queries`: a view or an API module does not call the
ORM, and `queries` imports no `actions` (the writes build on the reads, not the reverse).
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent / "coordo"
APPS = sorted(
    path.parent.name
    for path in ROOT.glob("*/apps.py")
    if (path.parent / "models.py").exists() or (path.parent / "views").exists()
)
SIBLING = re.compile(r"^(views_.+|.+_actions|actions_.+|.+_views|queries_.+|.+_queries)\.py$")
# Shortcuts that read a model when handed the class itself: get_object_or_404(Worker, ...).
MODEL_SHORTCUTS = {"get_object_or_404", "get_list_or_404"}


def product_files(app: str) -> list[Path]:
    return sorted(
        path
        for path in (ROOT / app).rglob("*.py")
        if not {"tests", "migrations"} & set(path.relative_to(ROOT / app).parts)
    )


def layer(app: str, name: str) -> list[Path]:
    """The files of one layer of an app: `name.py`, or every module of the package `name/`."""
    module, package = ROOT / app / f"{name}.py", ROOT / app / name
    return [module] if module.exists() else sorted(package.rglob("*.py"))


def orm_calls(path: Path) -> list[tuple[int, str]]:
    """(line, what) for each ORM read: a manager (`.objects`), or a shortcut given a model."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Attribute) and node.attr == "objects":
            found.append((node.lineno, ".objects"))
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id in MODEL_SHORTCUTS
            and node.args
            and isinstance(node.args[0], ast.Name)
            and node.args[0].id[:1].isupper()
        ):
            found.append((node.lineno, f"{node.func.id}(Model)"))
    return sorted(found)


def imports_of(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return found


def test_the_apps_are_found():
    # A glob that found nothing would make every test below pass on an empty list.
    assert {"access", "casework", "dispatch", "housing", "partners", "people", "planning"} <= set(
        APPS
    )


@pytest.mark.parametrize("app", APPS)
def test_no_sibling_modules(app):
    siblings = [
        str(path.relative_to(ROOT)) for path in product_files(app) if SIBLING.match(path.name)
    ]
    assert siblings == [], "grow a module into a package of the same name, split by area"


@pytest.mark.parametrize("app", APPS)
def test_views_and_api_do_not_call_the_orm(app):
    files = layer(app, "views") + layer(app, "api")
    calls = [
        f"{file.relative_to(ROOT)}:{line} {what}"
        for file in files
        for line, what in orm_calls(file)
    ]
    assert calls == [], "read through the app's queries"


@pytest.mark.parametrize("app", APPS)
def test_queries_import_no_actions(app):
    actions = f"coordo.{app}.actions"
    offences = sorted(
        f"{file.relative_to(ROOT)} imports {module}"
        for file in layer(app, "queries")
        for module in imports_of(file)
        if module == actions or module.startswith(actions + ".")
    )
    assert offences == []


def refusal_handlers(path: Path) -> list[int]:
    """The lines where a module catches an action's ValidationError itself."""
    return sorted(
        node.lineno
        for node in ast.walk(ast.parse(path.read_text(), str(path)))
        if isinstance(node, ast.ExceptHandler)
        and isinstance(node.type, ast.Name)
        and node.type.id == "ValidationError"
    )


# A view keeps its own handler only where the ways back differ by refusal: lowering a note's
# level goes back to the file when refused the right, to the note when refused the value.
OWN_HANDLERS = {"casework/views/case.py": 1}


@pytest.mark.parametrize("app", APPS)
def test_views_leave_refusals_to_the_web_layer(app):
    # coordo/web/posting.py: errors_onto(form), errors_flashed(request), save_posted_form.
    handlers = {
        str(file.relative_to(ROOT)): len(lines)
        for file in layer(app, "views")
        if (lines := refusal_handlers(file))
    }
    assert handlers == {
        name: count for name, count in OWN_HANDLERS.items() if name.startswith(f"{app}/")
    }


NAMES = ("actions.py", "rota_actions.py", "views.py", "views_desk.py", "queries.py", "team.py")


def test_the_checks_see_what_they_forbid(tmp_path):
    # The scanners themselves: each pattern they must refuse, refused.
    sample = tmp_path / "views.py"
    sample.write_text(
        "from coordo.housing.actions.stays import overlapping\n"
        "from coordo.housing import actions\n"
        "def page(request, pk):\n"
        "    Unit.objects.filter(pk=pk)\n"
        "    return get_object_or_404(Worker, pk=pk)\n"
        "try:\n    pass\nexcept ValidationError as error:\n    pass\n"
    )
    assert refusal_handlers(sample) == [8]
    assert orm_calls(sample) == [(4, ".objects"), (5, "get_object_or_404(Model)")]
    assert {"coordo.housing.actions.stays", "coordo.housing.actions"} <= imports_of(sample)
    assert [name for name in NAMES if SIBLING.match(name)] == ["rota_actions.py", "views_desk.py"]
