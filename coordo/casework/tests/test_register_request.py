from __future__ import annotations

from datetime import date

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError

from conftest import make_person
from coordo.access.models import AuditAction, AuditEvent
from coordo.casework import actions
from coordo.casework.models import Outcome, Request
from coordo.casework.queries import todays_queue
from coordo.casework.tests.conftest import principal

pytestmark = pytest.mark.django_db


def _register(site, person, by, kind):
    return actions.register_request(site=site, person=person, kind=kind, urgency="normal", by=by)


def test_a_request_is_registered_with_one_audit_row(site, person, social_worker):
    request = actions.register_request(
        site=site,
        person=person,
        kind="accommodation",
        urgency="urgent",
        language="ti",
        interpreter_needed=True,
        by=principal(social_worker),
    )
    assert (request.site, request.person, request.outcome) == (site, person, "")
    assert list(AuditEvent.objects.values_list("action", "object_type", "object_id")) == [
        (AuditAction.CREATE, "casework.request", str(request.pk))
    ]


def test_a_host_cannot_register_a_request(site, person, host):
    with pytest.raises(PermissionDenied):
        _register(site, person, principal(host), kind="information")
    assert Request.objects.count() == 0


def test_an_unknown_kind_is_refused_naming_the_field(site, person, social_worker):
    with pytest.raises(ValidationError) as error:
        _register(site, person, principal(social_worker), kind="teleport")
    assert list(error.value.message_dict) == ["kind"]
    assert AuditEvent.objects.count() == 0


def test_a_person_of_another_organisation_is_refused(site, foreign_site, social_worker):
    stranger = make_person(foreign_site, "Awa", "Ndiaye")
    with pytest.raises(ValidationError) as error:
        _register(site, stranger, principal(social_worker), kind="information")
    assert list(error.value.message_dict) == ["person"]


def test_the_queue_puts_waiting_emergencies_first(site, person, social_worker):
    who = principal(social_worker)
    common = {"site": site, "person": person, "kind": "social", "by": who}
    normal = actions.register_request(urgency="normal", **common)
    emergency = actions.register_request(urgency="emergency", **common)
    done = actions.register_request(urgency="emergency", **common)
    actions.record_outcome(done, outcome=Outcome.ORIENTED, by=who)
    assert todays_queue(who, site.pk) == [emergency, normal, done]


def test_the_waiting_list_outcome_is_recorded(site, person, social_worker):
    who = principal(social_worker)
    request = _register(site, person, who, kind="accommodation")
    actions.record_outcome(request, outcome=Outcome.WAITING_LIST, by=who)
    request.refresh_from_db()
    assert (request.outcome, request.outcome_by) == (Outcome.WAITING_LIST, social_worker)
    assert AuditEvent.objects.filter(action=AuditAction.UPDATE).count() == 1


def test_a_request_left_without_outcome_yesterday_stays_in_the_queue(site, person, social_worker):
    who = principal(social_worker)
    common = {"site": site, "person": person, "kind": "social", "urgency": "normal"}
    with time_machine.travel("2026-11-22 10:00"):
        forgotten = actions.register_request(by=who, **common)
        closed = actions.register_request(by=who, **common)
        actions.record_outcome(closed, outcome=Outcome.ORIENTED, by=who)
    assert todays_queue(who, site.pk, today=date(2026, 11, 23)) == [forgotten]
