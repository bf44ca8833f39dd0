"""What the API promises in its schema, and keeps: bounded input, documented errors, 401.

schemathesis (tests/test_api_schema.py) checks the answers against the schema; these
tests check the schema itself says enough, and pin the faults found by hand.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.test import Client, RequestFactory

from conftest import make_user, verified_client
from coordo.access import actions
from coordo.access.ids import MAX_ID
from coordo.access.models import User
from coordo.access.roles import Role
from coordo.access.scoping import principal_for_user
from coordo.access.tests.test_api_tokens import fresh_code
from coordo.api.urls import api, validation_error
from coordo.people.models import Person

TOO_LARGE = MAX_ID + 1  # 9223372036854775808, the number that overflowed SQLite


def openapi() -> dict[str, Any]:
    return api.get_openapi_schema()


def resolve(schema: dict[str, Any], components: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in schema:
        schema = components[schema["$ref"].rsplit("/", 1)[1]]
    return schema


def integers(schema: dict[str, Any], components: dict[str, Any], where: str) -> Iterator[Any]:
    """(where, schema) for every integer a schema admits, through refs, unions and arrays."""
    schema = resolve(schema, components)
    if schema.get("type") == "integer":
        yield where, schema
    for key in ("anyOf", "allOf", "oneOf"):
        for option in schema.get(key, []):
            yield from integers(option, components, where)
    if "items" in schema:
        yield from integers(schema["items"], components, f"{where}[]")
    for name, prop in schema.get("properties", {}).items():
        yield from integers(prop, components, f"{where}.{name}")


def operations() -> Iterator[tuple[str, str, dict[str, Any]]]:
    for path, methods in openapi()["paths"].items():
        for method, operation in methods.items():
            yield method, path, operation


def test_every_integer_the_api_takes_is_bounded() -> None:
    components = openapi()["components"]["schemas"]
    unbounded = []
    for method, path, operation in operations():
        found = [
            hit
            for parameter in operation.get("parameters", [])
            for hit in integers(parameter["schema"], components, parameter["name"])
        ]
        for content in operation.get("requestBody", {}).get("content", {}).values():
            found += integers(content["schema"], components, "body")
        unbounded += [
            f"{method} {path} {where}"
            for where, schema in found
            if "enum" not in schema and ("minimum" not in schema or "maximum" not in schema)
        ]
    assert unbounded == []


def test_every_operation_documents_its_error_answers_with_one_shape() -> None:
    error = {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorOut"}}}
    for method, path, operation in operations():
        answers = operation["responses"]
        expected = {401, 403} | ({422} if operation.get("parameters") else set())
        if method != "get":
            expected |= {409}
        if "requestBody" in operation:
            expected |= {400, 404, 422}
        if "{" in path:
            expected |= {404, 422}
        assert expected <= answers.keys(), f"{method} {path}"
        for status in expected - {400} if path == "/api/housing/import" else expected:
            assert answers[status]["content"] == error, f"{method} {path} {status}"


def test_choices_are_enums_and_answers_mark_every_field_required() -> None:
    components = openapi()["components"]["schemas"]
    person = components["PersonOut"]
    assert set(person["required"]) == set(person["properties"])
    assert "BE" in components["Nationality"]["enum"]
    assert person["properties"]["nationality"]["anyOf"][1] == {"const": "", "type": "string"}
    assert "prs" in components["Language"]["enum"]
    assert components["PartnerKind"]["enum"][:2] == ["hospital", "cpas"]
    assert components["RequestKind"]["enum"][0] == "accommodation"
    kind = next(
        p for p in openapi()["paths"]["/api/partners"]["get"]["parameters"] if p["name"] == "kind"
    )
    assert kind["schema"]["anyOf"][0] == {"$ref": "#/components/schemas/PartnerKind"}
    import_body = openapi()["paths"]["/api/housing/import"]["post"]["requestBody"]
    assert import_body["content"]["multipart/form-data"]["schema"]["required"] == [
        "file",
        "site_id",
    ]


def token(admin_user: User, role: str = Role.SOCIAL_WORKER) -> Client:
    _token, raw = actions.issue_api_token(
        organisation=admin_user.organisation,
        name="integration",
        role=role,
        site=None,
        code=fresh_code(admin_user),
        by=principal_for_user(admin_user),
    )
    return Client(headers={"authorization": f"Bearer {raw}"})


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url", ["/api/people", "/api/desk-requests", "/api/case-files", "/api/housing/stays"]
)
def test_an_id_too_large_for_the_database_is_refused_naming_the_field(
    admin_user: User, url: str
) -> None:
    answer = token(admin_user, Role.COORDINATOR).get(url, {"site_id": TOO_LARGE})
    assert answer.status_code == 422
    assert [(e["loc"], e["type"]) for e in answer.json()["detail"]] == [
        (["query", "site_id"], "less_than_equal")
    ]


@pytest.mark.django_db
def test_the_largest_id_is_an_id_of_nothing(admin_user: User) -> None:
    client = token(admin_user, Role.COORDINATOR)
    assert client.get("/api/people", {"site_id": MAX_ID}).json() == {"items": [], "count": 0}
    assert client.get(f"/api/people/{MAX_ID}").status_code == 404
    assert client.get(f"/api/people/{TOO_LARGE}").status_code == 422


@pytest.mark.django_db
def test_a_page_past_every_list_is_refused_naming_the_field(admin_user: User) -> None:
    answer = token(admin_user).get("/api/people", {"offset": 10**30})
    assert answer.status_code == 422
    assert answer.json()["detail"][0]["loc"] == ["query", "offset"]


@pytest.mark.django_db
@pytest.mark.parametrize("headers", [{}, {"authorization": "Bearer cdo_not-a-token"}])
def test_a_write_without_a_valid_token_is_401_not_a_csrf_failure(
    site: Any, headers: dict[str, str]
) -> None:
    client = Client(enforce_csrf_checks=True, headers=headers)
    answer = client.post(
        "/api/people",
        {"site_id": site.pk, "first_name": "Hodan", "last_name": "Warsame"},
        content_type="application/json",
    )
    assert (answer.status_code, answer.json()) == (401, {"detail": "Unauthorized"})
    assert not Person.objects.exists()


@pytest.mark.django_db
def test_a_session_write_still_needs_its_csrf_token(site: Any) -> None:
    client = verified_client(make_user(site, Role.SOCIAL_WORKER))
    client.handler.enforce_csrf_checks = True
    answer = client.post(
        "/api/people",
        {"site_id": site.pk, "first_name": "Hodan", "last_name": "Warsame"},
        content_type="application/json",
    )
    assert (answer.status_code, answer.json()) == (403, {"detail": "CSRF check Failed"})


def test_a_conflict_with_the_present_state_is_409_and_other_errors_422() -> None:
    request = RequestFactory().post("/api/housing/units/1/stays")
    taken = ValidationError({"unit": ValidationError("No longer free.", code="conflict")})
    invalid = ValidationError({"unit": ValidationError("Too small.", code="invalid")})
    answer = validation_error(request, taken)
    assert answer.status_code == 409
    assert answer.content == (
        b'{"detail": [{"loc": ["body", "unit"], "msg": "No longer free.", "type": "value_error"}]}'
    )
    assert validation_error(request, invalid).status_code == 422
    assert validation_error(request, ValidationError("Plain.")).status_code == 422


@pytest.mark.django_db
def test_text_with_a_nul_character_is_refused_naming_the_field(admin_user: User, site: Any) -> None:
    client = token(admin_user, Role.COORDINATOR)
    created = client.post(
        "/api/people",
        {"site_id": site.pk, "first_name": "Ho\x00dan", "last_name": "Warsame"},
        content_type="application/json",
        headers={"accept-language": "en"},
    )
    assert created.status_code == 422
    assert [(e["loc"], e["msg"]) for e in created.json()["detail"]] == [
        (["body", "payload", "first_name"], "Value error, Null characters are not allowed.")
    ]
    searched = client.get("/api/people", {"q": "Ho\x00dan"})
    assert (searched.status_code, searched.json()["detail"][0]["loc"]) == (422, ["query", "q"])
    assert not Person.objects.exists()
