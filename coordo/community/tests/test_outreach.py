from __future__ import annotations

from datetime import date, time

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from conftest import make_person, make_user, verified_client
from coordo.access.models import AuditAction, AuditEvent
from coordo.casework.models import Request, RequestKind
from coordo.community import queries
from coordo.community.actions import outreach
from coordo.community.models import DayCentreCount, OutreachContact
from coordo.community.tests.factories import principal
from coordo.people.actions import record_consent
from coordo.people.models import ConsentPurpose, ConsentRecord
from coordo.personal_data import sources

pytestmark = pytest.mark.django_db


@pytest.fixture
def round_(site, social_worker):
    return outreach.create_round(
        site, held_on=date(2026, 6, 10), start_time=time(20), end_time=time(23),
        area="Gare du Midi", team=[social_worker], by=principal(social_worker),
    )  # fmt: skip


def test_an_anonymous_contact_holds_no_name(round_, host):
    contact = outreach.record_contact(
        round_, age_band="26_45", sex="woman", languages=["ar"], needs=["shelter", "food"],
        given=["food", "hygiene_kit"], by=principal(host),
    )  # fmt: skip
    assert contact.person is None
    assert not AuditEvent.objects.filter(object_type="community.outreachcontact").exists()


def test_a_host_cannot_name_her_and_nobody_names_her_without_her_agreement(
    site, round_, host, social_worker
):
    amina = make_person(site)
    with pytest.raises(PermissionDenied):
        outreach.record_contact(
            round_, age_band="26_45", sex="woman", person=amina, she_agrees=True, by=principal(host)
        )
    with pytest.raises(ValidationError) as refused:
        outreach.record_contact(
            round_, age_band="26_45", sex="woman", person=amina, by=principal(social_worker)
        )
    assert list(refused.value.message_dict) == ["she_agrees"]


def test_naming_her_keeps_her_consent_in_her_file_once(site, round_, social_worker):
    amina = make_person(site)
    by = principal(social_worker)
    outreach.record_contact(
        round_, age_band="26_45", sex="woman", person=amina, she_agrees=True, by=by
    )
    [record] = ConsentRecord.objects.filter(person=amina)
    assert (record.purpose, record.given, record.date) == (
        ConsentPurpose.OUTREACH,
        True,
        date(2026, 6, 10),
    )
    assert record.recorded_by == social_worker
    next_week = outreach.create_round(
        site, held_on=date(2026, 6, 17), start_time=time(20), area="Gare du Nord", by=by
    )
    outreach.record_contact(
        next_week, age_band="26_45", sex="woman", person=amina, she_agrees=True, by=by
    )
    assert ConsentRecord.objects.filter(person=amina).count() == 1  # the one in force covers it
    # She withdrew it at the front desk; met again, she agrees again: a new record.
    record_consent(
        amina, purpose=ConsentPurpose.OUTREACH, given=False, date=date(2026, 6, 20), by=by
    )
    later = outreach.create_round(
        site, held_on=date(2026, 6, 24), start_time=time(20), area="Gare du Nord", by=by
    )
    outreach.record_contact(
        later, age_band="26_45", sex="woman", person=amina, she_agrees=True, by=by
    )
    assert list(
        ConsentRecord.objects.filter(person=amina).order_by("date").values_list("date", "given")
    ) == [(date(2026, 6, 10), True), (date(2026, 6, 20), False), (date(2026, 6, 24), True)]
    # Her subject-access export shows the consent in force.
    source = next(s for s in sources() if s.key == "consents")
    assert source.gather(by, amina) == [
        {
            "purpose": "Named and followed up after an outreach contact",
            "given": True,
            "date": "2026-06-24",
        }
    ]


def test_an_anonymous_contact_records_no_consent(round_, social_worker):
    outreach.record_contact(round_, age_band="26_45", sex="woman", by=principal(social_worker))
    assert not ConsentRecord.objects.exists()


def test_the_contact_form_refuses_a_name_without_her_agreement_naming_the_field(
    site, round_, social_worker
):
    amina = make_person(site)
    answer = verified_client(social_worker).post(
        f"/community/outreach/{round_.pk}/contacts/",
        {"age_band": "26_45", "sex": "woman", "person": amina.pk},
        follow=True,
    )
    assert "She agrees to be named: Name her only if she agrees." in answer.content.decode()
    assert not OutreachContact.objects.exists()
    assert not ConsentRecord.objects.exists()
    agreed = verified_client(social_worker).post(
        f"/community/outreach/{round_.pk}/contacts/",
        {"age_band": "26_45", "sex": "woman", "person": amina.pk, "she_agrees": "on"},
    )
    assert agreed.status_code == 302
    assert OutreachContact.objects.get().person == amina
    assert ConsentRecord.objects.get().purpose == ConsentPurpose.OUTREACH


def test_orientation_opens_a_front_desk_request_in_one_step(site, round_, social_worker):
    amina = make_person(site)
    by = principal(social_worker)
    contact = outreach.record_contact(
        round_, age_band="26_45", sex="woman", languages=["ar"], person=amina, she_agrees=True,
        by=by,
    )  # fmt: skip
    outreach.orient_to_front_desk(contact, by=by)
    request = Request.objects.get()
    assert (request.person, request.kind, request.language) == (
        amina,
        RequestKind.ACCOMMODATION,
        "ar",
    )
    contact.refresh_from_db()
    assert (contact.request, contact.given) == (request, ["orientation"])
    with pytest.raises(ValidationError):
        outreach.orient_to_front_desk(contact, by=by)
    [month] = queries.outreach_figures(by, site)
    assert (month.rounds, month.contacts, month.named, month.oriented, month.requests) == (
        1,
        1,
        1,
        1,
        1,
    )
    # Her subject-access export holds the contact.
    source = next(s for s in sources() if s.key == "outreach_contacts")
    assert source.gather(by, amina)[0]["area"] == "Gare du Midi"


def test_an_anonymous_contact_cannot_be_oriented(round_, social_worker):
    contact = outreach.record_contact(
        round_, age_band="unknown", sex="woman", by=principal(social_worker)
    )
    with pytest.raises(ValidationError) as refused:
        outreach.orient_to_front_desk(contact, by=principal(social_worker))
    assert list(refused.value.message_dict) == ["person"]


def test_the_round_page_names_her_only_to_who_reads_persons_and_audits_it(
    site, round_, social_worker, host
):
    amina = make_person(site, "Amina", "Zerrouki")
    outreach.record_contact(
        round_, age_band="26_45", sex="woman", person=amina, she_agrees=True,
        by=principal(social_worker),
    )  # fmt: skip
    url = f"/community/outreach/{round_.pk}/"
    assert "Zerrouki" in verified_client(social_worker).get(url).content.decode()
    assert (
        AuditEvent.objects.filter(
            action=AuditAction.LIST, object_type="community.outreachcontact"
        ).count()
        == 1
    )
    shown_to_host = verified_client(host).get(url).content.decode()
    assert "Zerrouki" not in shown_to_host
    assert "known person" in shown_to_host


def test_the_contact_form_records_a_contact(round_, host):
    answer = verified_client(host).post(
        f"/community/outreach/{round_.pk}/contacts/",
        {"age_band": "18_25", "sex": "woman", "needs": ["shelter"], "given": ["information"]},
    )
    assert answer.status_code == 302
    assert OutreachContact.objects.get().needs == ["shelter"]


def test_day_centre_counts_refuse_a_count_under_zero(site, host):
    by = principal(host)
    outreach.record_day_centre_count(site, day=date(2026, 6, 10), women=23, meals=20, by=by)
    with pytest.raises(ValidationError) as refused:
        outreach.record_day_centre_count(site, day=date(2026, 6, 11), women=3, showers=-1, by=by)
    assert list(refused.value.message_dict) == ["showers"]
    answer = verified_client(host).post(
        "/community/day-centre/", {"day": "2026-06-10", "women": "25", "meals": "21"}
    )
    assert answer.status_code == 302
    assert list(DayCentreCount.objects.values_list("women", "meals")) == [(25, 21)]


def test_an_orientation_that_became_a_place_is_counted(site, round_, social_worker, coordinator):
    from coordo.housing.actions import admit_household
    from coordo.housing.tests.factories import make_building, make_unit

    amina = make_person(site)
    by = principal(social_worker)
    contact = outreach.record_contact(
        round_, age_band="26_45", sex="woman", person=amina, she_agrees=True, by=by
    )
    outreach.orient_to_front_desk(contact, by=by)
    unit = make_unit(make_building(site))
    admit_household(unit, head=amina, start=date(2026, 6, 12), by=principal(coordinator))
    assert [m.placed for m in queries.outreach_figures(by, site)] == [1]
    # A host sees the contacts, not who got a place.
    host_view = queries.outreach_figures(principal(make_user(site, "host")), site)
    assert [m.placed for m in host_view] == [0]
