"""A role at one site does not carry a person of another site into it.

A dispatcher at the person's site may see her, not refer her, register her request or
open her file; holding the case team's role at another site must not add up to it:
the record would show her to that site's whole team. The action's own permission is
asked at the person's site.
"""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from conftest import make_user, verified_client
from coordo.access.models import Membership, User
from coordo.access.roles import Role
from coordo.casework import actions
from coordo.casework.models import CaseFile, Referral, Request
from coordo.casework.tests.conftest import principal

pytestmark = pytest.mark.django_db


@pytest.fixture
def bridging_worker(site, other_site) -> User:
    """A dispatcher at the person's site and a social worker at the other site."""
    user = make_user(site, Role.DISPATCHER)
    Membership.objects.create(
        organisation=other_site.organisation, user=user, site=other_site, role=Role.SOCIAL_WORKER
    )
    return user


def test_the_actions_refuse_a_person_the_role_at_her_site_cannot_act_on(
    other_site, person, partner, bridging_worker
):
    who = {"by": principal(bridging_worker)}
    with pytest.raises(ValidationError) as refused:
        actions.register_request(
            site=other_site, person=person, kind="legal", urgency="normal", **who
        )
    assert list(refused.value.message_dict) == ["person"]
    with pytest.raises(ValidationError):
        actions.open_case_file(site=other_site, person=person, referent=bridging_worker, **who)
    with pytest.raises(ValidationError):
        actions.refer_person(
            site=other_site,
            person=person,
            partner=partner,
            reason="Check-up",
            urgency="normal",
            consent_given=True,
            due_date=date(2026, 12, 1),
            **who,
        )
    assert (Request.objects.count(), CaseFile.objects.count(), Referral.objects.count()) == (
        0,
        0,
        0,
    )


def test_the_api_and_pages_answer_404_for_her(other_site, person, partner, bridging_worker):
    client = verified_client(bridging_worker)
    body = {
        "site_id": other_site.pk,
        "partner_id": partner.pk,
        "reason": "Check-up",
        "consent_given": True,
        "due_date": "2026-12-01",
        "kind": "legal",
    }
    for path in (f"/api/people/{person.pk}/referrals", f"/api/people/{person.pk}/desk-requests"):
        assert client.post(path, body, content_type="application/json").status_code == 404
    client.post(reverse("switch_site"), {"site": other_site.pk})  # working at the other site
    assert client.get(reverse("referral_create", args=[person.pk])).status_code == 404
    assert client.post(reverse("case_file_open", args=[person.pk])).status_code == 404
    assert (Request.objects.count(), CaseFile.objects.count(), Referral.objects.count()) == (
        0,
        0,
        0,
    )
