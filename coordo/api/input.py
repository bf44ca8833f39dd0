"""What every API input obeys beyond its own schema: no NUL character in any text.

PostgreSQL cannot store one (a DataError, a 500); Django's forms refuse it with
ProhibitNullCharactersValidator, and so does the API: JSON bodies through `Input`, the
base of every body schema, query strings and multipart forms through `Parser`. Both
answer 422 naming the field.
"""

from __future__ import annotations

from typing import Any

from django.core.validators import ProhibitNullCharactersValidator
from django.http import HttpRequest
from django.utils.datastructures import MultiValueDict
from ninja import Schema
from ninja.errors import ValidationError
from ninja.parser import Parser as NinjaParser
from pydantic import field_validator

NUL_MESSAGE = ProhibitNullCharactersValidator.message  # Django's, translated by Django


def holds_nul(value: Any) -> bool:
    if isinstance(value, str):
        return "\x00" in value
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


class Parser(NinjaParser):
    def parse_querydict(
        self, data: MultiValueDict[str, Any], list_fields: list[str], request: HttpRequest
    ) -> dict[str, Any]:
        source = "form" if data is request.POST else "query"
        errors = [
            {"loc": [source, key], "msg": str(NUL_MESSAGE), "type": "string_nul"}
            for key in data
            if holds_nul(key) or holds_nul(data.getlist(key))
        ]
        if errors:
            raise ValidationError(errors)
        return super().parse_querydict(data, list_fields, request)
