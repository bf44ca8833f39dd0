"""Record ids as they arrive from outside (API, forms, query strings): bounded once, here.

An id is 1..2**63-1, what a BigAutoField holds. A larger number is no record at all,
but the database is never asked: SQLite overflows on it (a 500), PostgreSQL compares
a numeric against a bigint. `Id` bounds API schemas and parameters, `parse_id` a raw
query-string value, `RecordsChoiceField` the ids a form posts.
"""

from __future__ import annotations

from typing import Annotated, Any

from django import forms
from django.db.models import QuerySet
from pydantic import Field

MAX_ID = 2**63 - 1

Id = Annotated[int, Field(ge=1, le=MAX_ID, description="A record id.")]


def parse_id(value: object) -> int | None:
    """The id a raw value names, or None when it names none (empty, not a number, out of range)."""
    text = str(value).strip()
    if not text.isascii() or not text.isdigit():
        return None
    number = int(text)
    return number if 1 <= number <= MAX_ID else None


class RecordsChoiceField(forms.ModelMultipleChoiceField):
    """Several records by id: an id out of range is an invalid choice, never a database error."""

    def clean(self, value: Any) -> QuerySet[Any]:
        for item in value or ():
            if parse_id(item) is None:
                raise forms.ValidationError(
                    self.error_messages["invalid_pk_value"],
                    code="invalid_pk_value",
                    params={"pk": item},
                )
        return super().clean(value)
