"""The current request's id and client address, carried in a context variable.

Kept free of model imports so that logging can use it before the apps are loaded.
"""

from __future__ import annotations

import contextvars
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass


@dataclass(frozen=True)
class RequestContext:
    request_id: str
    ip: str | None


_context: contextvars.ContextVar[RequestContext | None] = contextvars.ContextVar(
    "coordo_request_context", default=None
)


def new_request_id() -> str:
    return uuid.uuid4().hex


def set_request_context(context: RequestContext | None) -> contextvars.Token:
    return _context.set(context)


def reset_request_context(token: contextvars.Token) -> None:
    _context.reset(token)


def current_request_context() -> RequestContext | None:
    return _context.get()


def current_request_id() -> str:
    context = _context.get()
    return context.request_id if context else ""


@contextmanager
def unlinked() -> Iterator[None]:
    """Within it, no request context: an audit row or a log line written here carries no
    request id and no client address, so it cannot be joined to the access logs (a
    declaration made without the declarant's name)."""
    token = _context.set(None)
    try:
        yield
    finally:
        _context.reset(token)
