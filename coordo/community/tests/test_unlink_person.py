"""Her outreach consent withdrawn, no outreach contact names her; the figures stay as they were."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time

import pytest
from django.core.exceptions import ValidationError

from conftest import make_person, make_user, verified_client
from coordo.access.models import AuditAction, AuditEvent
from coordo.access.roles import Role
from coordo.casework.models import Request
from coordo.community import queries
from coordo.community.actions import outreach
from coordo.community.models import OutreachContact, OutreachRound
from coordo.community.tests.factories import principal
from coordo.housing.actions import admit_household
from coordo.housing.tests.factories import make_building, make_unit
from coordo.people.actions import record_consent
from coordo.people.models import ConsentPurpose, ConsentRecord, Person

pytestmark = pytest.mark.django_db

WITHDRAWN = {"purpose": "outreach", "given": "no", "date": "2026-06-20"}


@dataclass
class Followed:
    amina: Person
    named: OutreachContact  # at her site, oriented to the front desk, then placed
    elsewhere: OutreachContact  # at the other site of the organisation
    anonymous: OutreachContact
    neighbour: OutreachContact  # another woman of the organisation, named
    foreign: OutreachContact  # a woman of another organisation, named


def _round(site, held_on) -> OutreachRound:
    return OutreachRound.objects.create(
        organisation=site.organisation, site=site, held_on=held_on, start_time=time(20), area="Midi"
    )


@pytest.fixture
def followed(site, other_site, foreign_site, social_worker, coordinator) -> Followed:
    by = principal(social_worker)
    amina = make_person(site)
    june = outreach.create_round(
        site, held_on=date(2026, 6, 10), start_time=time(20), area="Gare du Midi", by=by
    )
    named = outreach.record_contact(
        june, age_band="26_45", sex="woman", person=amina, she_agrees=True, by=by
    )
    outreach.orient_to_front_desk(named, by=by)
    unit = make_unit(make_building(site))
    admit_household(unit, head=amina, start=date(2026, 6, 15), by=principal(coordinator))
    anonymous = outreach.record_contact(june, age_band="18_25", sex="woman", by=by)
    neighbour = outreach.record_contact(
        june,
        age_band="26_45",
        sex="woman",
        person=make_person(site, "Fatou", "Sow"),
        she_agrees=True,
        by=by,
    )
    # Met at the other site's round too (written directly: her name was agreed there).
    elsewhere = OutreachContact.objects.create(
        organisation=site.organisation, round=_round(other_site, date(2026, 6, 12)), person=amina
    )
    stranger = make_person(foreign_site, "Awa", "Ba")
    foreign = OutreachContact.objects.create(
        organisation=foreign_site.organisation,
        round=_round(foreign_site, date(2026, 6, 10)),
        person=stranger,
    )
    return Followed(amina, named, elsewhere, anonymous, neighbour, foreign)


@pytest.fixture
def figures(site, other_site, coordinator):
    """The outreach page's months at both sites and the reports' indicators, when called."""
    there = principal(make_user(other_site, Role.COORDINATOR))

    def read() -> tuple[object, ...]:
        return (
            queries.outreach_figures(principal(coordinator), site),
            queries.outreach_figures(there, other_site),
            queries.outreach_of_sites((site.pk, other_site.pk), date(2026, 1, 1), date(2027, 1, 1)),
        )

    return read


def _still_linked(followed: Followed) -> dict[str, int | None]:
    return {
        name: OutreachContact.objects.get(pk=getattr(followed, name).pk).person_id
        for name in ("named", "elsewhere", "anonymous", "neighbour", "foreign")
    }


def _assert_unlinked(followed: Followed, by_user) -> None:
    assert _still_linked(followed) == {
        "named": None,
        "elsewhere": None,
        "anonymous": None,
        "neighbour": followed.neighbour.person_id,
        "foreign": followed.foreign.person_id,
    }
    named = OutreachContact.objects.get(pk=followed.named.pk)
    assert (named.request_id, named.unlinked_on, named.had_request, named.was_placed) == (
        None,
        date(2026, 6, 20),
        True,
        True,
    )
    assert named.given == ["orientation"]  # what was given is a count, it stays
    assert Request.objects.get().person == followed.amina  # the front desk's own record stays
    rows = AuditEvent.objects.filter(
        action=AuditAction.UPDATE, object_type="community.outreachcontact"
    )
    assert sorted(rows.values_list("object_id", "site_id", "actor_id")) == sorted(
        [
            (str(followed.named.pk), followed.named.round.site_id, by_user.pk),
            (str(followed.elsewhere.pk), followed.elsewhere.round.site_id, by_user.pk),
        ]
    )


def test_withdrawing_on_her_page_unlinks_every_contact_and_keeps_the_figures(
    social_worker, coordinator, followed, figures
):
    before = figures()
    june = before[0][0]
    assert (june.contacts, june.named, june.requests, june.placed) == (3, 2, 1, 1)
    answer = verified_client(social_worker).post(
        f"/people/{followed.amina.pk}/consents/", WITHDRAWN, follow=True
    )
    body = answer.content.decode()
    assert "The consent has been recorded." in body
    assert "2 outreach contacts no longer name her." in body
    _assert_unlinked(followed, social_worker)
    assert figures() == before
    assert list(queries.contacts_of_person(principal(coordinator), followed.amina)) == []


def test_withdrawing_through_the_api_unlinks_them_too(social_worker, followed, figures):
    before = figures()
    answer = verified_client(social_worker).post(
        f"/api/people/{followed.amina.pk}/consents",
        {"purpose": "outreach", "given": False, "date": "2026-06-20"},
        content_type="application/json",
    )
    assert answer.status_code == 201
    _assert_unlinked(followed, social_worker)
    assert figures() == before


def test_the_message_is_said_in_french_and_dutch(social_worker, followed):
    client = verified_client(social_worker, language="fr")
    answer = client.post(f"/people/{followed.amina.pk}/consents/", WITHDRAWN, follow=True)
    assert "2 contacts de maraude ne la nomment plus." in answer.content.decode()
    record_consent(
        followed.amina,
        purpose=ConsentPurpose.OUTREACH,
        given=True,
        date=date(2026, 6, 21),
        by=principal(social_worker),
    )
    outreach.record_contact(
        followed.named.round,
        age_band="26_45",
        sex="woman",
        person=followed.amina,
        she_agrees=True,
        by=principal(social_worker),
    )
    client = verified_client(social_worker, language="nl")
    again = {**WITHDRAWN, "date": "2026-06-25"}
    answer = client.post(f"/people/{followed.amina.pk}/consents/", again, follow=True)
    assert "1 outreachcontact noemt haar niet meer." in answer.content.decode()


def test_the_round_page_shows_her_contact_unnamed(social_worker, followed):
    client = verified_client(social_worker)
    page = f"/community/outreach/{followed.named.round_id}/"

    def contacts() -> str:  # the list, not the form below it (she may be named again)
        return client.get(page).content.decode().split("Record a contact")[0]

    assert "Amina Diallo" in contacts()
    client.post(f"/people/{followed.amina.pk}/consents/", WITHDRAWN)
    listed = contacts()
    assert "Diallo" not in listed
    assert listed.count("no longer named: her consent was withdrawn") == 1
    assert listed.count("oriented to the front desk") == 1  # the badge, as before
    assert "Fatou Sow" in listed  # the neighbour agreed and did not withdraw


def test_another_consent_withdrawn_leaves_her_contacts_named(social_worker, followed):
    answer = verified_client(social_worker).post(
        f"/people/{followed.amina.pk}/consents/", {**WITHDRAWN, "purpose": "photo"}, follow=True
    )
    assert "no longer name" not in answer.content.decode()
    assert _still_linked(followed)["named"] == followed.amina.pk
    assert not AuditEvent.objects.filter(
        action=AuditAction.UPDATE, object_type="community.outreachcontact"
    ).exists()


def test_a_new_consent_does_not_link_the_old_contacts_again(social_worker, followed):
    by = principal(social_worker)
    client = verified_client(social_worker)
    client.post(f"/people/{followed.amina.pk}/consents/", WITHDRAWN, follow=True)
    june = followed.named.round
    # Met again: she is named only if she agrees again, and that is a new consent.
    with pytest.raises(ValidationError):
        outreach.record_contact(june, age_band="26_45", sex="woman", person=followed.amina, by=by)
    assert not ConsentRecord.objects.filter(person=followed.amina).first().given
    answer = client.post(
        f"/people/{followed.amina.pk}/consents/",
        {"purpose": "outreach", "given": "yes", "date": "2026-06-24"},
        follow=True,
    )
    assert "no longer name" not in answer.content.decode()
    again = outreach.record_contact(
        june, age_band="26_45", sex="woman", person=followed.amina, she_agrees=True, by=by
    )
    assert list(queries.contacts_of_person(by, followed.amina)) == [again]
    assert _still_linked(followed)["named"] is None
