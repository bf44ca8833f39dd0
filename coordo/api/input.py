"""What every API body obeys beyond its own schema: no NUL character in any text.

PostgreSQL cannot store one (a DataError, a 500); Django's forms refuse it with
ProhibitNullCharactersValidator, and so does the API: JSON bodies through `Input`, the
base of every body schema, answering 422 naming the field. Query strings and form fields
never reach the API with one: coordo/web/middleware.py answers them, in the same shape.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db.models import Model, QuerySet
from ninja import Schema
from pydantic import field_validator

from coordo.web.middleware import NUL, NUL_MESSAGE

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


def holds_nul(value: Any) -> bool:
    if isinstance(value, str):
        return NUL in value
    if isinstance(value, list | tuple):
        return any(holds_nul(item) for item in value)
    return False


class Input(Schema):
    @field_validator("*", mode="after")
    @classmethod
    def refuse_nul(cls, value: Any) -> Any:
        if holds_nul(value):
            raise ValueError(str(NUL_MESSAGE))
        return value


def named_by_body[M: Model](
    records: QuerySet[M], pk: int, *, field: str, refusal: StrOrPromise
) -> M:
    """The record a body names by id (`field`) among `records`, those the caller may use;
    otherwise a 422 on that field saying `refusal` (a 404 would speak of the path's record)."""
    record = records.filter(pk=pk).first()
    if record is None:
        raise ValidationError({field: refusal})
    return record
