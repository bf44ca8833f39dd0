"""What the housing reads written by hand share: the database they read, their placeholders."""

from __future__ import annotations

from collections.abc import Sequence

from django.db import connections, router
from django.db.backends.base.base import BaseDatabaseWrapper

from coordo.housing.models import Stay


def _reading() -> BaseDatabaseWrapper:
    """The database the ORM would read housing from: the replica, in a page or a render that
    reads there (coordo/replica.py), for the statements written by hand too."""
    return connections[router.db_for_read(Stay)]


def _marks(values: Sequence[object]) -> str:
    """One placeholder per value, for `IN (...)` in the statements written by hand."""
    return ", ".join(["%s"] * len(values))
