"""The canary's audit rule catches each way a page can get its trail wrong."""

from __future__ import annotations

import pytest

from conftest import make_household, make_person, make_user
from coordo.access import audit
from coordo.access.models import AuditAction
from coordo.access.roles import Role
from coordo.access.scoping import principal_for_user
from tests.audit_rule import audit_problems, last_audit_id

pytestmark = pytest.mark.django_db


@pytest.fixture
def scene(site):
    head = make_person(site, "Hawa", "Camara-rule", national_number="77031494777")
    child = make_person(site, "Sekou", "Keita-rule")
    household = make_household(site, head, child)
    user = make_user(site, Role.SOCIAL_WORKER)
    return head, child, household, user, principal_for_user(user)


def test_one_row_naming_the_shown_persons_passes(scene):
    head, child, household, user, principal = scene
    since = last_audit_id()
    audit.record(AuditAction.VIEW, principal=principal, obj=household)
    assert audit_problems("Hawa Camara-rule, Sekou Keita-rule", since, user) == []


def test_a_page_that_writes_no_row_fails(scene):
    head, _child, _household, user, _principal = scene
    assert audit_problems("77031494777", last_audit_id(), user) == [
        f"person {head.pk} is shown but no audit row names them: none"
    ]


def test_a_person_named_twice_fails(scene):
    head, _child, household, user, principal = scene
    since = last_audit_id()
    audit.record(AuditAction.VIEW, principal=principal, obj=head)
    audit.record(AuditAction.VIEW, principal=principal, obj=household)
    assert audit_problems("Camara-rule", since, user) == [
        f"person {head.pk} is named by 2 rows: view people.person:{head.pk}, "
        f"view people.household:{household.pk}"
    ]


def test_two_list_rows_fail_and_one_covers_everyone(scene):
    head, _child, _household, user, principal = scene
    since = last_audit_id()
    audit.record(AuditAction.LIST, principal=principal, object_type="people.person")
    assert audit_problems("Camara-rule Keita-rule", since, user) == []
    audit.record(AuditAction.SEARCH, principal=principal, object_type="people.person")
    rows = "list people.person:, search people.person:"
    assert audit_problems("Camara-rule", since, user) == [
        f"2 list rows: {rows}",
        f"person {head.pk} is shown but no audit row names them: {rows}",
    ]


def test_a_list_of_records_without_persons_covers_nobody(scene):
    head, _child, _household, user, principal = scene
    since = last_audit_id()
    audit.record(AuditAction.LIST, principal=principal, object_type="housing.unit")
    assert audit_problems("Camara-rule", since, user) == [
        f"person {head.pk} is shown but no audit row names them: list housing.unit:"
    ]


def test_a_row_of_another_user_fails(scene, site):
    head, _child, _household, user, _principal = scene
    since = last_audit_id()
    other = make_user(site, Role.COORDINATOR)
    row = audit.record(AuditAction.VIEW, principal=principal_for_user(other), obj=head)
    assert audit_problems("Camara-rule", since, user) == [
        f"audit row {row.pk} (view) names another user"
    ]


def test_a_row_holding_a_value_fails(scene):
    head, _child, _household, user, principal = scene
    since = last_audit_id()
    audit.record(AuditAction.VIEW, principal=principal, obj=head)
    row = audit.record(
        AuditAction.SEARCH,
        principal=principal,
        object_type="people.person",
        object_id="hawa camara-rule",
    )
    assert audit_problems("", since, user) == [f"audit row {row.pk} holds a person's value"]
