"""The retention rules: every kind of personal record has one, the dry run changes nothing,
applying purges exactly what has expired, and a legal hold on a person stops it."""

from __future__ import annotations

import os
from datetime import date, datetime, timedelta

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone

from conftest import make_person, verified_client
from coordo import personal_data, retention
from coordo.access import audit
from coordo.access.audit_chain import verify_chain
from coordo.access.models import AuditAction, AuditEvent
from coordo.access.scoping import principal_for_user
from coordo.casework.models import Attachment, CaseFile, CaseStatus, Note, Request
from coordo.operations import retention as run
from coordo.operations.models import RetentionReport
from coordo.people import actions as people
from coordo.people.models import Person

CLOSED = date(2020, 3, 10)
SIX_YEARS_ON = datetime(2026, 3, 11, 12, tzinfo=timezone.get_default_timezone())


def test_every_model_holding_something_on_a_person_has_a_retention_rule():
    assert personal_data.covered_models() - retention.covered_models() == set()
    # Every rule's model and start field exist: a rename fails here, not at 3 a.m.
    for rule in retention.rules():
        from django.apps import apps

        model = apps.get_model(rule.model)
        if rule.starts:
            model._meta.get_field(rule.starts)
        for name in rule.fields:
            model._meta.get_field(name)


def test_a_period_counts_calendar_years():
    assert retention.years_before(date(2026, 3, 11), 5) == date(2021, 3, 11)
    assert retention.years_before(date(2024, 2, 29), 1) == date(2023, 2, 28)


def _closed_file(site, person, coordinator, closed: date) -> CaseFile:
    case = CaseFile.objects.create(
        organisation=site.organisation,
        site=site,
        person=person,
        referent=coordinator,
        opened_at=closed - timedelta(days=200),
        closed_at=closed,
        status=CaseStatus.CLOSED,
        closed_reason="Relogée",
    )
    Note.objects.create(
        organisation=site.organisation,
        site=site,
        case_file=case,
        author=coordinator,
        body="NOTESECRET",
    )
    return case


@pytest.fixture
def records(site, coordinator):
    """Nadia's file closed six years before the run, Omar's four; a visit without follow-up."""
    with time_machine.travel(datetime(2020, 1, 5, 10, tzinfo=timezone.get_default_timezone())):
        nadia = make_person(site, "Nadia", "Ferreira-Lenoir")
        omar = make_person(site, "Omar", "Haddad")
        visit = Request.objects.create(
            organisation=site.organisation, site=site, person=omar, kind="housing"
        )
    old = _closed_file(site, nadia, coordinator, CLOSED)
    recent = _closed_file(site, omar, coordinator, date(2022, 6, 1))
    return {"nadia": nadia, "omar": omar, "old": old, "recent": recent, "visit": visit}


@pytest.mark.django_db
def test_the_dry_run_counts_and_changes_nothing(records, site):
    with time_machine.travel(SIX_YEARS_ON):
        counts = run.dry_run()
        call_command("retention", "--dry-run", stdout=(out := _Out()))
    # Nadia's identity is not counted: her case file still exists when the dry run looks.
    assert counts == {
        site.organisation_id: {"closed_case_files": 1, "requests_without_follow_up": 1}
    }
    assert CaseFile.objects.count() == 2
    assert Note.objects.count() == 2
    assert Request.objects.count() == 1
    assert not AuditEvent.objects.filter(action=AuditAction.DELETE).exists()
    assert "closed_case_files: would purge 1" in out.text
    assert "Nadia" not in out.text
    assert "Ferreira" not in out.text
    assert RetentionReport.objects.get().applied is False


@pytest.mark.django_db
def test_applying_purges_exactly_the_expired_rows_audited(records, site):
    with time_machine.travel(SIX_YEARS_ON):
        done = run.apply()
    assert done == {
        site.organisation_id: {
            "closed_case_files": 1,
            "requests_without_follow_up": 1,
            "person_identity": 1,
        }
    }
    assert list(CaseFile.objects.all()) == [records["recent"]]
    assert Note.objects.filter(case_file=records["old"].pk).count() == 0
    assert not Request.objects.exists()
    deleted = AuditEvent.objects.filter(action=AuditAction.DELETE)
    assert {(e.object_type, e.object_id) for e in deleted} == {
        ("casework.casefile", str(records["old"].pk)),
        ("casework.request", str(records["visit"].pk)),
    }
    # Her record last changed in 2020 and nothing about her is left: her identity goes too.
    nadia = Person.objects.get(pk=records["nadia"].pk)
    assert (nadia.first_name, nadia.last_name, nadia.search_name) == ("", "", "")
    omar = Person.objects.get(pk=records["omar"].pk)
    assert omar.first_name == "Omar"  # his case file is still within its period
    assert verify_chain(site.organisation_id).intact
    with time_machine.travel(SIX_YEARS_ON):
        assert run.dry_run() == {}  # nothing left to do: applying twice does nothing more


@pytest.mark.django_db
def test_the_rows_the_rules_write_name_them_on_the_audit_trail(records, site, admin_user):
    # A row written without an actor before the rules were named: it stays as sealed.
    with time_machine.travel(SIX_YEARS_ON - timedelta(days=1)):
        earlier = audit.record(AuditAction.VIEW, obj=records["omar"])
    with time_machine.travel(SIX_YEARS_ON):
        call_command("retention", stdout=_Out())
    written = AuditEvent.objects.filter(pk__gt=earlier.pk)
    assert {(e.action, e.object_type) for e in written} == {
        (AuditAction.DELETE, "casework.casefile"),
        (AuditAction.DELETE, "casework.request"),
        (AuditAction.UPDATE, "people.person"),
    }
    assert {(e.actor_id, e.actor_label) for e in written} == {(None, "system:retention")}
    assert AuditEvent.objects.get(pk=earlier.pk).actor_label == ""
    assert verify_chain(site.organisation_id).intact

    def who(language: str) -> list[str]:
        page = verified_client(admin_user, language).get("/audit/", {"action": "delete"})
        rows = page.content.decode().split("<tbody>")[1].split("</tbody>")[0]
        return [row.split("<td>")[2].split("</td>")[0] for row in rows.split("<tr>")[1:]]

    assert who("en") == ["Retention rules", "Retention rules"]
    assert who("fr") == ["Règles de conservation", "Règles de conservation"]


@pytest.mark.django_db
def test_a_legal_hold_stops_every_purge_of_her_records(records, site, coordinator):
    by = principal_for_user(coordinator)
    people.set_legal_hold(records["nadia"], reason="Procédure judiciaire en cours", by=by)
    people.set_legal_hold(records["omar"], reason="Enquête", by=by)
    hold = Person.objects.get(pk=records["nadia"].pk)
    assert (hold.legal_hold_by_id, hold.legal_hold_reason) == (
        coordinator.pk,
        "Procédure judiciaire en cours",
    )
    assert AuditEvent.objects.filter(
        action=AuditAction.UPDATE, object_type="people.person", object_id=str(hold.pk)
    ).exists()
    with time_machine.travel(SIX_YEARS_ON):
        assert run.dry_run() == {}
        assert run.apply() == {}
    assert CaseFile.objects.count() == 2
    assert Request.objects.count() == 1
    assert Person.objects.get(pk=hold.pk).first_name == "Nadia"

    people.lift_legal_hold(records["nadia"], by=by)
    with time_machine.travel(SIX_YEARS_ON):
        assert run.apply() == {site.organisation_id: {"closed_case_files": 1, "person_identity": 1}}


@pytest.mark.django_db
def test_the_daily_job_only_reports_until_the_admin_approves(records, site, settings):
    with time_machine.travel(SIX_YEARS_ON):
        run.daily()
    report = RetentionReport.objects.get()
    assert (report.applied, report.counts["closed_case_files"]) == (False, 1)
    assert CaseFile.objects.count() == 2

    settings.COORDO_RETENTION_APPLY = True
    with time_machine.travel(SIX_YEARS_ON):
        run.daily()
    assert RetentionReport.objects.filter(applied=True).count() == 1
    assert CaseFile.objects.count() == 1


class _Out:
    def __init__(self) -> None:
        self.text = ""

    def write(self, text: str) -> None:
        self.text += text

    def flush(self) -> None:
        pass


@pytest.mark.django_db
def test_the_admin_reads_the_dry_run_and_the_record_of_processing(records, site, admin_user):
    client = verified_client(admin_user)
    response = client.get("/manage/processing-record/")
    assert response.status_code == 200
    record = response.content.decode()
    assert "Record of processing activities" in record
    assert "Kept 5 years after the help ended" in record  # the rules' basis
    assert "Social worker" in record  # a recipient, from the policy
    assert "Identity" in record  # a category, from the personal-data registry

    page = client.get("/manage/retention/").content.decode()
    assert "Closed case files" in page
    assert "Nadia" not in page
    assert "NOTESECRET" not in page
    with time_machine.travel(SIX_YEARS_ON):
        counts = run.dry_run(organisation_id=site.organisation_id)
    assert counts[site.organisation_id]["closed_case_files"] == 1
    assert CaseFile.objects.count() == 2  # reading the report changes nothing


@pytest.mark.django_db
def test_an_erasure_request_erases_what_may_go_and_says_why_the_rest_stays(
    records, site, coordinator
):
    from coordo.housing.actions import admit_household
    from coordo.housing.tests.factories import make_building, make_unit
    from coordo.operations.erasure import erase_person

    by = principal_for_user(coordinator)
    omar = records["omar"]
    outcomes = {o.rule.key: o for o in erase_person(records["nadia"], by=by)}
    assert outcomes["closed_case_files"].erased
    assert outcomes["person_identity"].erased
    assert Person.objects.get(pk=records["nadia"].pk).last_name == ""
    assert list(CaseFile.objects.all()) == [records["recent"]]  # Omar's file is untouched

    # Omar has lived in a shelter: the stay is kept (subsidy audits), and so is his name.
    admit_household(
        make_unit(make_building(site), "Chambre 2", capacity=1),
        head=omar,
        household=None,
        start=date(2025, 1, 6),
        by=by,
    )
    outcomes = {o.rule.key: o for o in erase_person(omar, by=by)}
    assert not outcomes["ended_stays"].erased
    assert "subsidy audits" in str(outcomes["ended_stays"].reason)
    assert outcomes["requests_without_follow_up"].erased
    assert not outcomes["person_identity"].erased
    assert Person.objects.get(pk=omar.pk).first_name == "Omar"
    assert not Request.objects.exists()
    assert AuditEvent.objects.filter(object_type="people.person_erasure").count() == 2
    assert verify_chain(site.organisation_id).intact


@pytest.mark.django_db
def test_a_legal_hold_refuses_an_erasure_request(records, coordinator):
    from django.core.exceptions import ValidationError

    from coordo.operations.erasure import erase_person

    by = principal_for_user(coordinator)
    people.set_legal_hold(records["nadia"], reason="Procédure", by=by)
    with pytest.raises(ValidationError):
        erase_person(records["nadia"], by=by)
    assert CaseFile.objects.count() == 2


@pytest.mark.django_db
def test_the_coordinator_places_a_hold_and_carries_out_an_erasure_from_her_page(
    records, coordinator
):
    client = verified_client(coordinator)
    nadia = records["nadia"]
    client.post(f"/people/{nadia.pk}/legal-hold/", {"reason": "Enquête en cours"})
    assert Person.objects.get(pk=nadia.pk).legal_hold_reason == "Enquête en cours"
    assert "Enquête en cours" in client.get(f"/people/{nadia.pk}/").content.decode()
    refused = client.post(f"/people/{nadia.pk}/erasure/")
    assert refused.status_code == 302
    assert CaseFile.objects.filter(person=nadia).exists()

    client.post(f"/people/{nadia.pk}/legal-hold/", {"lift": "1"})
    assert client.get(f"/people/{nadia.pk}/erasure/").status_code == 200
    page = client.post(f"/people/{nadia.pk}/erasure/").content.decode()
    assert "erased" in page
    assert "Nadia" not in page
    assert not CaseFile.objects.filter(person=nadia).exists()


@pytest.mark.django_db
def test_a_purged_case_file_leaves_no_attachment_file_behind(
    records, coordinator, settings, tmp_path, django_capture_on_commit_callbacks
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from coordo.casework import actions as casework

    settings.MEDIA_ROOT = tmp_path
    old, recent = records["old"], records["recent"]
    for case in (old, recent):  # attached while open; the files are on disk
        CaseFile.objects.filter(pk=case.pk).update(status=CaseStatus.OPEN)
        case.refresh_from_db()
        casework.attach_document(
            case,
            upload=SimpleUploadedFile("a.pdf", b"%PDF-1.4 x"),
            title="ID",
            by=principal_for_user(coordinator),
        )
        CaseFile.objects.filter(pk=case.pk).update(status=CaseStatus.CLOSED)
    files = {a.case_file_id: a.file.path for a in Attachment.objects.all()}
    with time_machine.travel(SIX_YEARS_ON), django_capture_on_commit_callbacks(execute=True):
        run.apply()
    assert not os.path.exists(files[old.pk])
    assert os.path.exists(files[recent.pk])


@pytest.mark.django_db
def test_an_organisation_sees_only_its_own_counts(records, site, foreign_site):
    with time_machine.travel(SIX_YEARS_ON):
        assert run.dry_run(organisation_id=foreign_site.organisation_id) == {}
        assert set(run.dry_run(organisation_id=site.organisation_id)) == {site.organisation_id}
