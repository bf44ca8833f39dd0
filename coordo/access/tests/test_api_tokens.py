from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import ValidationError
from django.test import Client, TestCase
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from conftest import make_person, make_site, make_user, verified_client
from coordo.access import actions
from coordo.access.models import ApiToken, AuditAction, AuditEvent, Organisation, Site
from coordo.access.policy import reads_personal_data
from coordo.access.roles import Role
from coordo.access.scoping import principal_for_user
from coordo.access.tests.test_authentication import current_code


def fresh_code(user) -> str:
    # A device of its own per call: a code is accepted once (the replay guard).
    return current_code(TOTPDevice.objects.create(user=user, name="issuing", confirmed=True))


def issue(admin_user, role, site=None):
    return actions.issue_api_token(
        organisation=admin_user.organisation,
        name="Lien CPAS",
        role=role,
        site=site,
        code=fresh_code(admin_user),
        by=principal_for_user(admin_user),
    )


def bearer(raw: str) -> Client:
    return Client(headers={"authorization": f"Bearer {raw}"})


@pytest.mark.django_db
def test_a_token_reads_people_of_its_site_only(admin_user, site, other_site, foreign_site, person):
    neighbour = make_person(other_site, "Lotte", "Peeters")
    stranger = make_person(foreign_site, "Iryna", "Melnyk")
    _token, raw = issue(admin_user, Role.SOCIAL_WORKER, site)
    client = bearer(raw)
    listed = client.get("/api/people").json()
    assert [item["id"] for item in listed["items"]] == [person.pk]
    assert client.get(f"/api/people/{person.pk}").status_code == 200
    assert client.get(f"/api/people/{neighbour.pk}").status_code == 404
    assert client.get(f"/api/people/{stranger.pk}").status_code == 404
    event = AuditEvent.objects.filter(action=AuditAction.VIEW).get()
    assert (event.actor_id, event.actor_label, event.object_id) == (
        None,
        f"token:{_token.pk}",
        str(person.pk),
    )


@pytest.mark.django_db
def test_a_token_without_a_site_reaches_every_site_of_its_organisation(
    admin_user, other_site, person
):
    neighbour = make_person(other_site, "Lotte", "Peeters")
    _token, raw = issue(admin_user, Role.DISPATCHER)
    ids = {item["id"] for item in bearer(raw).get("/api/people").json()["items"]}
    assert ids == {person.pk, neighbour.pk}


@pytest.mark.django_db
def test_a_token_shows_confidential_fields_only_to_roles_allowed(admin_user, site):
    holder = make_person(site, "Hodan", "Warsame", phone="+32 470 11 22 33")
    _t, dispatcher_key = issue(admin_user, Role.DISPATCHER, site)
    _t, worker_key = issue(admin_user, Role.SOCIAL_WORKER, site)
    assert bearer(dispatcher_key).get(f"/api/people/{holder.pk}").json()["phone"] is None
    assert bearer(worker_key).get(f"/api/people/{holder.pk}").json()["phone"] == "+32 470 11 22 33"


@pytest.mark.django_db
def test_a_revoked_token_is_refused_at_once(admin_user, site):
    token, raw = issue(admin_user, Role.SOCIAL_WORKER, site)
    assert bearer(raw).get("/api/people").status_code == 200
    actions.revoke_api_token(token, by=principal_for_user(admin_user))
    assert bearer(raw).get("/api/people").status_code == 401


@pytest.mark.django_db
def test_a_site_token_loses_its_site_the_moment_the_site_is_deactivated(admin_user, site, person):
    _token, raw = issue(admin_user, Role.SOCIAL_WORKER, site)
    assert bearer(raw).get(f"/api/people/{person.pk}").status_code == 200
    Site.objects.filter(pk=site.pk).update(is_active=False)
    assert bearer(raw).get(f"/api/people/{person.pk}").status_code == 404
    assert bearer(raw).get("/api/people").status_code == 403  # as for a role without it


@pytest.mark.django_db
def test_an_organisation_token_drops_a_deactivated_site_from_its_grants(
    admin_user, site, other_site, person
):
    neighbour = make_person(other_site, "Lotte", "Peeters")
    _token, raw = issue(admin_user, Role.SOCIAL_WORKER)
    Site.objects.filter(pk=other_site.pk).update(is_active=False)
    client = bearer(raw)
    assert [item["id"] for item in client.get("/api/people").json()["items"]] == [person.pk]
    assert client.get(f"/api/people/{neighbour.pk}").status_code == 404


@pytest.mark.django_db
def test_every_token_of_a_deactivated_organisation_is_refused(admin_user, site):
    _t, site_key = issue(admin_user, Role.SOCIAL_WORKER, site)
    _t, org_key = issue(admin_user, Role.DISPATCHER)
    Organisation.objects.filter(pk=site.organisation_id).update(is_active=False)
    assert bearer(site_key).get("/api/people").status_code == 401
    assert bearer(org_key).get("/api/people").status_code == 401


@pytest.mark.django_db
def test_a_user_of_a_deactivated_organisation_reaches_no_site(social_worker, person):
    Organisation.objects.filter(pk=social_worker.organisation_id).update(is_active=False)
    assert principal_for_user(social_worker).grants == ()
    assert verified_client(social_worker).get(f"/people/{person.pk}/").status_code == 403


@pytest.mark.django_db
def test_a_token_expires_after_90_days_by_default(admin_user, site):
    token, raw = issue(admin_user, Role.SOCIAL_WORKER, site)
    assert abs(token.expires_at - token.created_at - timedelta(days=90)) < timedelta(seconds=1)
    with time_machine.travel(token.expires_at - timedelta(minutes=1)):
        assert bearer(raw).get("/api/people").status_code == 200
    with time_machine.travel(token.expires_at + timedelta(seconds=1)):
        assert bearer(raw).get("/api/people").status_code == 401
        token.refresh_from_db()
        assert (token.is_active, token.is_expired) == (False, True)


@pytest.mark.django_db
def test_the_token_lifetime_is_a_setting(admin_user, site, settings):
    settings.COORDO_API_TOKEN_DAYS = 7
    token, _raw = issue(admin_user, Role.HOST, site)
    assert abs(token.expires_at - (timezone.now() + timedelta(days=7))) < timedelta(minutes=1)
    assert ApiToken.objects.get(pk=token.pk).expires_at == token.expires_at


@pytest.mark.django_db
def test_a_token_role_without_person_access_is_refused(admin_user, site):
    _t, raw = issue(admin_user, Role.FINANCE, site)
    assert bearer(raw).get("/api/people").status_code == 403


@pytest.mark.django_db
def test_an_invalid_national_number_is_refused_with_its_field_name(admin_user, site):
    _t, raw = issue(admin_user, Role.SOCIAL_WORKER, site)
    response = bearer(raw).post(
        "/api/people",
        {
            "site_id": site.pk,
            "first_name": "Selam",
            "last_name": "Haile",
            "national_number": "85073003329",
        },
        content_type="application/json",
    )
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "national_number"]
    assert not site.persons.exists()


@pytest.mark.django_db
def test_a_missing_field_is_named_in_the_api_error(admin_user, site):
    _t, raw = issue(admin_user, Role.SOCIAL_WORKER, site)
    response = bearer(raw).post(
        "/api/people", {"site_id": site.pk}, content_type="application/json"
    )
    assert response.status_code == 422
    assert {tuple(error["loc"]) for error in response.json()["detail"]} == {
        ("body", "payload", "first_name"),
        ("body", "payload", "last_name"),
    }


@pytest.mark.django_db
def test_the_schema_and_docs_are_for_logged_in_admins_only(admin_user, coordinator):
    admin = verified_client(admin_user)
    schema = admin.get("/api/openapi.json")
    assert schema.status_code == 200
    assert schema.json()["openapi"].startswith("3.")
    assert "/api/people/{person_id}" in schema.json()["paths"]
    assert admin.get("/api/docs").status_code == 200
    assert verified_client(coordinator).get("/api/openapi.json").status_code == 404
    assert Client().get("/api/docs").status_code == 404


@pytest.mark.django_db
def test_the_token_page_shows_the_raw_key_once(admin_user):
    client = verified_client(admin_user)
    response = client.post(
        "/manage/tokens/",
        {"name": "CPAS link", "role": Role.SOCIAL_WORKER, "code": fresh_code(admin_user)},
    )
    page = response.content.decode()
    assert "cdo_" in page
    assert "cdo_" not in client.get("/manage/tokens/").content.decode()


@pytest.mark.django_db
def test_a_token_that_reads_personal_data_needs_a_fresh_code_wrong_ones_audited(admin_user, site):
    client = verified_client(admin_user)
    for code in ("", "000000"):
        response = client.post(
            "/manage/tokens/",
            {"name": "CPAS link", "role": Role.COORDINATOR, "site": site.pk, "code": code},
        )
        assert list(response.context["form"].errors) == ["code"]
    assert not ApiToken.objects.exists()
    failures = AuditEvent.objects.filter(action=AuditAction.MFA_FAILED)
    assert (
        list(failures.values_list("actor_id", "object_id"))
        == [(admin_user.pk, str(admin_user.pk))] * 2
    )


@pytest.mark.django_db
def test_the_code_that_opened_the_session_opens_no_token(admin_user, site):
    device = TOTPDevice.objects.create(user=admin_user, name="phone", confirmed=True)
    code = current_code(device)
    assert device.verify_token(code)  # the login's second factor
    with pytest.raises(ValidationError) as refused:
        actions.issue_api_token(
            organisation=site.organisation,
            name="CPAS link",
            role=Role.SOCIAL_WORKER,
            site=site,
            code=code,
            by=principal_for_user(admin_user),
        )
    assert list(refused.value.message_dict) == ["code"]


@pytest.mark.django_db
def test_issuing_a_personal_data_token_tells_the_sites_coordinators_only(
    admin_user, site, other_site, coordinator, host
):
    make_user(other_site, Role.COORDINATOR)  # a coordinator of another site: not told
    with TestCase.captureOnCommitCallbacks(execute=True):
        token, raw = issue(admin_user, Role.SOCIAL_WORKER, site)
    assert [message.to for message in mail.outbox] == [[coordinator.email]]
    body = mail.outbox[0].body
    assert f"the role Social worker for {site.name}" in body
    assert [secret for secret in (raw, token.prefix, token.name) if secret in body] == []
    created = AuditEvent.objects.get(action=AuditAction.CREATE, object_type="access.apitoken")
    assert (created.actor_id, created.object_id, created.site_id) == (
        admin_user.pk,
        str(token.pk),
        site.pk,
    )


@pytest.mark.django_db
def test_an_organisation_wide_token_tells_the_coordinators_of_every_active_site(
    admin_user, site, other_site, coordinator
):
    elsewhere = make_user(other_site, Role.COORDINATOR)
    closed = make_user(make_site(site.organisation, "Ancien refuge"), Role.COORDINATOR)
    Site.objects.filter(pk=closed.memberships.get().site_id).update(is_active=False)
    with TestCase.captureOnCommitCallbacks(execute=True):
        issue(admin_user, Role.DISPATCHER)
    assert sorted(m.to[0] for m in mail.outbox) == sorted([coordinator.email, elsewhere.email])
    assert "every site" in mail.outbox[0].body


@pytest.mark.django_db
def test_a_token_that_reads_no_personal_data_needs_no_code_and_no_notice(
    admin_user, site, coordinator
):
    with TestCase.captureOnCommitCallbacks(execute=True):
        actions.issue_api_token(
            organisation=site.organisation,
            name="Cash desk",
            role=Role.FINANCE,
            site=site,
            by=principal_for_user(admin_user),
        )
    assert mail.outbox == []
    assert not AuditEvent.objects.filter(action=AuditAction.MFA_FAILED).exists()


def test_the_roles_that_read_personal_data():
    readers = {role for role in Role.values if reads_personal_data(role)}
    assert readers == {Role.COORDINATOR, Role.SOCIAL_WORKER, Role.MEDICAL, Role.DISPATCHER}
