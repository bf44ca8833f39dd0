"""Accepting proposals and overriding one with a reason, checked against the snapshot's rules."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from conftest import make_user
from coordo.access.roles import Role
from coordo.dispatch.actions import batches
from coordo.dispatch.models import (
    Arrival,
    BatchStatus,
    Decision,
    Proposal,
    ReceptionUnit,
    WaitingEntry,
)
from coordo.dispatch.tasks import run_batch
from coordo.dispatch.tests.conftest import principal
from coordo.dispatch.tests.factories import make_arrival, make_family

pytestmark = pytest.mark.django_db


@pytest.fixture
def batch(immediate_tasks, arrival_site, dispatcher, network):
    make_arrival(make_family(arrival_site, "Camara", 2016), by=dispatcher, school_language="fr")
    make_arrival(
        make_family(arrival_site, "Bah"), by=dispatcher, flags=["violence"], women_only=True
    )
    batch = batches.create_batch(arrival_site, by=principal(dispatcher))
    run_batch.call(batch.pk)
    batch.refresh_from_db()
    return batch


def proposal_of(batch, name):
    return Proposal.objects.select_related("unit", "arrival").get(
        batch=batch, arrival__household__name=f"{name} family"
    )


def _override(proposal, unit_code, reason_code, dispatcher, comment=""):
    unit = None if unit_code is None else ReceptionUnit.objects.get(code=unit_code)
    return batches.override_proposal(
        proposal, unit=unit, reason_code=reason_code, comment=comment, by=principal(dispatcher)
    )


def test_override_to_a_unit_that_keeps_every_rule(batch, dispatcher):
    proposal = proposal_of(batch, "Camara")
    decision = _override(proposal, "GNT-F1", "family", dispatcher, comment="Oncle à Gand")
    assert (decision.outcome, decision.unit.code, decision.reason_code, decision.decided_by) == (
        "overridden",
        "GNT-F1",
        "family",
        dispatcher,
    )
    arrival = Arrival.objects.get(pk=proposal.arrival_id)
    assert (arrival.status, arrival.placed_unit.code) == ("placed", "GNT-F1")
    assert ReceptionUnit.objects.get(code="GNT-F1").free == 0


def test_override_breaking_a_rule_is_refused_and_names_it(batch, dispatcher):
    proposal = proposal_of(batch, "Camara")  # two persons: a shared room takes one (D3)
    with pytest.raises(ValidationError) as error:
        _override(proposal, "GNT-S1", "other", dispatcher, comment="essai")
    assert error.value.message_dict["unit"] == [
        "GNT-S1 does not suit this household: a shared room, for one person only."
    ]
    assert Decision.objects.count() == 0


@pytest.mark.parametrize(
    ("reason_code", "comment", "errors"),
    [
        ("", "", {"reason_code": ["Choose the reason for the override."]}),
        ("other", " ", {"comment": ["Explain the reason in the comment."]}),
    ],
)
def test_override_needs_a_reason_and_other_needs_a_comment(
    batch, dispatcher, reason_code, comment, errors
):
    proposal = proposal_of(batch, "Camara")
    with pytest.raises(ValidationError) as error:
        _override(proposal, None, reason_code, dispatcher, comment=comment)
    assert error.value.message_dict == errors


def test_override_to_no_place_puts_the_household_on_the_waiting_list(batch, dispatcher):
    proposal = proposal_of(batch, "Bah")
    _override(proposal, None, "data", dispatcher)
    assert list(WaitingEntry.objects.values_list("arrival_id", "reason")) == [
        (proposal.arrival_id, "override")
    ]


def test_accept_all_decides_the_rest_and_closes_the_batch(batch, dispatcher):
    overridden = proposal_of(batch, "Camara")
    _override(overridden, "GNT-F1", "school", dispatcher)
    assert batches.accept_all(batch, by=principal(dispatcher)) == 1
    batch.refresh_from_db()
    assert batch.status == BatchStatus.CLOSED
    assert sorted(Decision.objects.values_list("outcome", flat=True)) == ["accepted", "overridden"]
    assert set(Arrival.objects.values_list("status", flat=True)) == {"placed"}
    with pytest.raises(ValidationError):
        batches.accept_all(batch, by=principal(dispatcher))


def test_a_social_worker_cannot_decide(batch, arrival_site):
    worker = make_user(arrival_site, Role.SOCIAL_WORKER)
    with pytest.raises(PermissionDenied):
        batches.accept_all(batch, by=principal(worker))
