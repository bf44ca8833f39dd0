"""One actor, one gate, checked (docs/ARCHITECTURE.md, "Inside an app").

Every write takes the acting `Principal` as `by`, one parameter: never a `User` beside a
`Principal`, which could disagree. `Principal.require` is the one permission check: no
module keeps a private copy of `if not principal.can(...): raise PermissionDenied`.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent / "coordo"
GATE = ROOT / "access" / "scoping.py"  # where `require` itself lives


def product_files() -> list[Path]:
    return sorted(
        path
        for path in ROOT.rglob("*.py")
        if not {"tests", "migrations"} & set(path.relative_to(ROOT).parts)
    )


def functions(path: Path) -> list[ast.FunctionDef | ast.AsyncFunctionDef]:
    tree = ast.parse(path.read_text(), str(path))
    return [n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef)]


def parameters(function: ast.FunctionDef | ast.AsyncFunctionDef) -> dict[str, ast.arg]:
    args = function.args
    return {a.arg: a for a in [*args.posonlyargs, *args.args, *args.kwonlyargs]}


def where(path: Path, node: ast.AST) -> str:
    return f"{path.relative_to(ROOT.parent)}:{node.lineno}"  # type: ignore[attr-defined]


def test_every_by_is_the_acting_principal_and_stands_alone():
    wrong = []
    for path in product_files():
        for function in functions(path):
            params = parameters(function)
            by = params.get("by")
            if by is None:
                continue
            if "principal" in params:
                wrong.append(f"{where(path, function)} {function.name} takes by and principal")
            annotation = ast.unparse(by.annotation) if by.annotation else ""
            if annotation != "Principal":
                wrong.append(f"{where(path, function)} {function.name}: by is {annotation!r}")
    assert wrong == []


def _is_private_gate(node: ast.If) -> bool:
    """`if not <x>.can(...): raise PermissionDenied` and nothing else: a copy of `require`."""
    test, body = node.test, node.body
    return (
        isinstance(test, ast.UnaryOp)
        and isinstance(test.op, ast.Not)
        and isinstance(test.operand, ast.Call)
        and isinstance(test.operand.func, ast.Attribute)
        and test.operand.func.attr == "can"
        and len(body) == 1
        and isinstance(body[0], ast.Raise)
        and body[0].exc is not None
        and "PermissionDenied" in ast.unparse(body[0].exc)
    )


def test_require_is_the_one_permission_gate():
    copies = [
        where(path, node)
        for path in product_files()
        if path != GATE
        for node in ast.walk(ast.parse(path.read_text(), str(path)))
        if isinstance(node, ast.If) and _is_private_gate(node)
    ]
    assert copies == []
