from __future__ import annotations

from datetime import date

import pytest

from coordo.access.models import User
from coordo.access.scoping import principal_for_user
from coordo.casework.models import CaseFile, Level, Note, Referral, ReferralStatus, Request
from coordo.demo import builder
from coordo.partners.models import Convention, Partner
from coordo.partners.queries import coming_up_for_renewal

pytestmark = pytest.mark.django_db
MODELS = (Request, CaseFile, Note, Referral, Partner, Convention)


def test_the_demo_has_case_work_in_every_state_and_a_second_run_changes_nothing():
    builder.build()
    first = {model.__name__: model.objects.count() for model in MODELS}
    builder.build()
    assert {model.__name__: model.objects.count() for model in MODELS} == first
    assert set(Referral.objects.values_list("status", flat=True)) == set(ReferralStatus.values)
    assert set(Note.objects.values_list("level", flat=True)) == set(Level.values)
    coordinator = User.objects.get(email="coordination@passerelle.example")
    renewals = coming_up_for_renewal(principal_for_user(coordinator), date(2026, 11, 23))
    assert renewals.count() == 2
    assert Request.objects.filter(received_at__date=date(2026, 11, 23), outcome="").count() == 5
