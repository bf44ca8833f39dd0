"""The error answers of the API: one shape for all, documented on every operation it applies to.

Ninja documents only the answers an operation declares; the errors come from the
authentication, the role checks, the lookups and the validation shared by all
operations, so they are added here once, by rule, to the generated schema.
"""

from __future__ import annotations

from typing import Any

from ninja import Schema
from pydantic import Field


class FieldErrorOut(Schema):
    loc: list[str | int] = Field(description='Where: ["body", "site_id"], ["query", "limit"].')
    msg: str = Field(description="Why, in the caller's language.")
    type: str


class ErrorOut(Schema):
    detail: str | list[FieldErrorOut] = Field(
        description="A sentence, or for 409 and 422 one entry per field at fault."
    )


ANSWERS = {
    400: "The body cannot be read: not JSON, or not the multipart form declared.",
    401: "No valid credentials: send `Authorization: Bearer <token>` with a token in force.",
    403: "The role, or the kind of caller (a token where a named worker must act), may not do this.",
    404: "No such record among those the caller may see (outside its scope is the same answer).",
    409: "The record changed meanwhile: the place was given to someone else, say.",
    422: "The input is invalid: one entry per field at fault, naming it and why.",
}
WRITES = {"post", "put", "patch", "delete"}


def statuses_for(method: str, operation: dict[str, Any]) -> list[int]:
    names_a_record = any(p.get("in") == "path" for p in operation.get("parameters", []))
    takes_input = bool(operation.get("parameters")) or "requestBody" in operation
    statuses = [400] if "requestBody" in operation else []
    statuses += [401, 403]
    if names_a_record or "requestBody" in operation:
        statuses.append(404)
    if method in WRITES:
        statuses.append(409)
    if takes_input:
        statuses.append(422)
    return statuses


def add_error_answers(schema: dict[str, Any]) -> dict[str, Any]:
    """Document the error answers (ErrorOut) of every operation of a Ninja OpenAPI schema."""
    shape = ErrorOut.model_json_schema(ref_template="#/components/schemas/{model}")
    components = schema["components"]["schemas"]
    components.update(shape.pop("$defs", {}))
    components["ErrorOut"] = shape
    content = {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorOut"}}}
    for methods in schema["paths"].values():
        for method, operation in methods.items():
            for status in statuses_for(method, operation):
                operation["responses"].setdefault(
                    status, {"description": ANSWERS[status], "content": content}
                )
    return schema
