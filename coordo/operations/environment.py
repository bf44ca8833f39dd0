"""The environment variables Coordo reads, found in the source of config/settings.py and
config/gunicorn.py: `python -m coordo.operations.environment` prints them with their
defaults as written there, the start of the guide's table (docs/production.md), and a
test keeps that table complete.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SOURCES = (ROOT / "config" / "settings.py", ROOT / "config" / "gunicorn.py")
HELPERS = {"env_str": '""', "env_bool": "False", "env_int": "", "env_list": '""'}


def variables(sources: tuple[Path, ...] = SOURCES) -> dict[str, str]:
    """Each variable's name and its default, as source text (first reading wins)."""
    found: dict[str, str] = {}
    for source in sources:
        for node in ast.walk(ast.parse(source.read_text())):
            read = _read(node)
            if read is not None:
                found.setdefault(*read)
    return found


def _read(node: ast.AST) -> tuple[str, str] | None:
    if isinstance(node, ast.Subscript) and _is_environ(node.value):
        name = node.slice
        return (name.value, "(required)") if _is_text(name) else None  # type: ignore[attr-defined]
    if not isinstance(node, ast.Call) or not node.args or not _is_text(node.args[0]):
        return None
    name = node.args[0].value  # type: ignore[attr-defined]
    default = ast.unparse(node.args[1]) if len(node.args) > 1 else None
    function = node.func
    if isinstance(function, ast.Name) and function.id in HELPERS:
        return name, default if default is not None else HELPERS[function.id]
    is_get = isinstance(function, ast.Attribute) and function.attr in {"get", "getenv"}
    if is_get and (_is_environ(function.value) or ast.unparse(function.value) == "os"):  # type: ignore[attr-defined]
        return name, default if default is not None else "None"
    return None


def _is_environ(node: ast.AST) -> bool:
    return ast.unparse(node) == "os.environ"


def _is_text(node: ast.AST) -> bool:
    return isinstance(node, ast.Constant) and isinstance(node.value, str)


if __name__ == "__main__":
    print("| variable | default (as written) |\n| --- | --- |")
    for name, default in sorted(variables().items()):
        print(f"| `{name}` | `{default}` |")
