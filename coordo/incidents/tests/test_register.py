"""The register of acts of violence by third parties: named or not, read by the direction and
the prevention advisor only, printed and exported for the inspector, purged after five years."""

from __future__ import annotations

import logging
import threading
from datetime import UTC, date, datetime, time, timedelta

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import connection
from django.utils import timezone
from django.utils.formats import date_format

from conftest import make_user, verified_client
from coordo import schedule
from coordo.access import audit_chain
from coordo.access.logging import RequestIdFilter
from coordo.access.models import AuditEvent
from coordo.access.roles import Role
from coordo.access.scoping import principal_for_user
from coordo.incidents import actions
from coordo.incidents.actions.register import write_pending_audit_rows
from coordo.incidents.models import Declaration
from coordo.incidents.tests.factories import on_test_day, report
from coordo.notifications.models import Delivery
from coordo.operations import retention as retention_run
from tests.audit_rule import last_audit_id

pytestmark = pytest.mark.django_db


def declare(site, user, *, named, **fields):
    values = {
        "occurred_at": timezone.now() - timedelta(hours=2), "type": "threat",
        "description": "Menacée par un visiteur à l'accueil.",
    }  # fmt: skip
    values.update(fields)
    return actions.declare_violence(site=site, named=named, by=principal_for_user(user), **values)


@pytest.fixture
def advisor(site):
    return make_user(site, Role.PREVENTION_ADVISOR)


def test_without_her_name_nothing_links_the_declaration_to_her(site, host):
    incident = report(site, host, type="threat")
    declaration = declare(site, host, named=False, incident=incident)
    assert declaration.declarant is None
    assert declaration.incident is None
    assert declaration.audit_pending is True
    assert not AuditEvent.objects.filter(object_type="incidents.declaration").exists()
    with time_machine.travel(timezone.now() + timedelta(days=1)):
        assert write_pending_audit_rows() == 1
    row = AuditEvent.objects.get(object_type="incidents.declaration")
    assert row.actor_id is None
    assert row.actor_label == ""


BRUSSELS = timezone.get_current_timezone()


@pytest.mark.parametrize(
    ("moment", "day"),
    [
        (datetime(2026, 11, 3, 22, 47, 13, 123456, tzinfo=BRUSSELS), date(2026, 11, 3)),
        # 00:30 in Brussels is still the day before in UTC: the day is the local one.
        (datetime(2026, 11, 4, 0, 30, 1, 5, tzinfo=BRUSSELS), date(2026, 11, 4)),
        (datetime(2026, 7, 1, 8, 5, tzinfo=BRUSSELS), date(2026, 7, 1)),  # summer time
    ],
)
def test_without_her_name_the_declaration_is_dated_by_its_day_alone(site, host, moment, day):
    with time_machine.travel(moment, tick=False):
        anonymous = declare(site, host, named=False, occurred_at=moment - timedelta(hours=1))
        named = declare(site, host, named=True, occurred_at=moment - timedelta(hours=1))
    anonymous.refresh_from_db()
    named.refresh_from_db()
    assert anonymous.declared_at == datetime.combine(day, time(12), tzinfo=BRUSSELS)
    assert anonymous.declared_at.astimezone(UTC).date() == day  # noon: the same day in UTC
    assert named.declared_at == moment  # named: the exact time, to the microsecond
    assert (anonymous.audit_pending, named.audit_pending) == (True, False)


REQUEST_ID, ADDRESS, BROWSER = "5f0c1a9e2b7d4c3a", "198.51.100.23", "Firefox/CANARY-declarant-agent"


def declare_from_the_page(host, incident, identity, caplog):
    """The host declares from her incident, from a known address, browser and request id; the
    rows, log records, inbox rows and mails written meanwhile."""
    caplog.set_level(logging.DEBUG)
    caplog.handler.addFilter(RequestIdFilter())  # as the console handler does (settings)
    client = verified_client(host)
    client.defaults |= {"REMOTE_ADDR": ADDRESS, "HTTP_USER_AGENT": BROWSER}
    since_audit, since_inbox = last_audit_id(), Delivery.objects.count()
    caplog.clear()
    mail.outbox.clear()
    answer = client.post(
        "/register/declare/",
        {"occurred_at": f"{timezone.localtime() - timedelta(days=1):%Y-%m-%dT%H:%M}",
         "type": "threat", "identity": identity,
         "description": "Menacée par le livreur", "incident": incident.pk},
        headers={"X-Request-ID": REQUEST_ID},
    )  # fmt: skip
    assert answer.status_code == 302
    assert answer["X-Request-ID"] == REQUEST_ID  # the request did carry it
    rows = list(AuditEvent.objects.filter(pk__gt=since_audit))
    return rows, list(caplog.records), Delivery.objects.count() - since_inbox


def test_without_her_name_no_row_log_or_notice_links_the_declaration_to_her(site, host, caplog):
    incident = report(site, host, type="threat")
    rows, records, notices = declare_from_the_page(host, incident, "anonymous", caplog)
    declaration = Declaration.objects.get()
    assert (declaration.declarant_id, declaration.incident_id) == (None, None)
    # No row in her request, where the chain would set it between her own rows.
    assert rows == []
    assert declaration.audit_pending is True
    for record in records:
        line = caplog.handler.format(record)
        assert record.request_id != REQUEST_ID, line
        assert "declaration" not in line, line
        for trace in (host.email, host.full_name, ADDRESS, BROWSER, str(host.pk)):
            assert trace not in line
    assert notices == 0
    assert mail.outbox == []
    # Her next page's rows come next in the chain, with nothing of the declaration among them.
    verified_client(host).get("/")
    assert not AuditEvent.objects.filter(object_type="incidents.declaration").exists()


def flushed_rows(since: int) -> list[AuditEvent]:
    return list(
        AuditEvent.objects.filter(pk__gt=since, object_type="incidents.declaration").order_by("pk")
    )


def test_the_daily_jobs_write_the_rows_of_the_ended_days_at_the_coarse_time(site, host, advisor):
    days = [
        datetime(2026, 11, day, hour, 17, 42, tzinfo=BRUSSELS)
        for day, hour in ((2, 9), (2, 16), (3, 23), (4, 1))
    ]
    declarations = []
    for moment in days:
        with time_machine.travel(moment, tick=False):
            declarations.append(declare(site, host, named=False, occurred_at=moment))
    with time_machine.travel(days[1], tick=False):
        named = declare(site, host, named=True, occurred_at=days[1])
    since = last_audit_id()
    # The worker was down: the 4th at 03:00, the rows of the 2nd and the 3rd, not yet the 4th's.
    with time_machine.travel(datetime(2026, 11, 4, 3, 0, 5, tzinfo=BRUSSELS), tick=False):
        assert schedule.run_daily_jobs.call() == []
    rows = flushed_rows(since)
    assert sorted(int(r.object_id) for r in rows) == [d.pk for d in declarations[:3]]
    assert {(r.action, r.actor_id, r.actor_label, r.request_id, r.ip) for r in rows} == {
        ("create", None, "", "", None)
    }
    noon = {d.pk: d.declared_at for d in declarations}
    assert [r.at for r in rows] == [noon[int(r.object_id)] for r in rows]
    assert {timezone.localtime(r.at).time() for r in rows} == {time(12)}
    assert str(named.pk) not in {r.object_id for r in rows}
    pending = Declaration.objects.filter(audit_pending=True).values_list("pk", flat=True)
    assert list(pending) == [declarations[3].pk]  # kept until its row is written
    # Run again the same night: nothing twice. The next night: the 4th's.
    with time_machine.travel(datetime(2026, 11, 4, 9, 0, tzinfo=BRUSSELS), tick=False):
        assert write_pending_audit_rows() == 0
    with time_machine.travel(datetime(2026, 11, 5, 3, 0, 5, tzinfo=BRUSSELS), tick=False):
        assert write_pending_audit_rows() == 1
    assert [int(r.object_id) for r in flushed_rows(since)][3:] == [declarations[3].pk]
    assert not Declaration.objects.filter(audit_pending=True).exists()
    assert AuditEvent.objects.filter(object_type="incidents.declaration").count() == 5
    report_ = audit_chain.verify_chain(site.organisation_id)
    assert report_.intact, report_.problem


def test_the_register_dates_an_anonymous_declaration_by_its_day(site, host, advisor):
    moment = datetime(2026, 11, 3, 22, 47, tzinfo=BRUSSELS)
    with time_machine.travel(moment, tick=False):
        declare(site, host, named=False, description="Sans nom", occurred_at=moment)
        declare(site, host, named=True, description="Avec nom", occurred_at=moment)
    lines = verified_client(advisor).get("/register/export/").content.decode("utf-8-sig")
    by_description = {line.split(";")[4]: line.split(";")[0] for line in lines.splitlines()[1:]}
    day = date_format(moment, "SHORT_DATE_FORMAT")
    assert by_description == {
        "Sans nom": day,
        "Avec nom": date_format(moment, "SHORT_DATETIME_FORMAT"),
    }


def test_with_her_name_the_declaration_names_her(site, host):
    declaration = declare(site, host, named=True)
    assert declaration.declarant == host


def test_with_her_name_the_audit_row_keeps_who_and_whence(site, host, caplog):
    incident = report(site, host, type="threat")
    rows, _records, _notices = declare_from_the_page(host, incident, "named", caplog)
    declaration = Declaration.objects.get()
    assert (declaration.declarant_id, declaration.incident_id) == (host.pk, incident.pk)
    assert [(r.object_type, r.actor_id, r.request_id, r.ip) for r in rows] == [
        ("incidents.declaration", host.pk, REQUEST_ID, ADDRESS)
    ]


def test_the_type_is_an_aggression_against_a_worker(site, host):
    with pytest.raises(ValidationError):
        declare(site, host, named=False, type="fire_or_evacuation")


@on_test_day
def test_a_worker_declares_from_the_page_and_her_coordinator_cannot_read_it(
    site, other_site, host, coordinator, advisor
):
    answer = verified_client(host).post(
        "/register/declare/",
        {
            "occurred_at": "2026-11-03T10:15",
            "type": "verbal_abuse",
            "description": "Insultée par un livreur",
            "identity": "anonymous",
        },
    )
    assert answer.status_code == 302
    assert verified_client(coordinator).get("/register/").status_code == 403
    assert "Insultée par un livreur" in verified_client(advisor).get("/register/").content.decode()


def test_the_declaration_form_is_prefilled_from_her_incident(site, host):
    incident = report(site, host, type="threat", narrative="Un homme m'a menacée")
    page = verified_client(host).get(f"/register/declare/?incident={incident.pk}").content.decode()
    assert "Un homme m&#x27;a menacée" in page
    # What "without my name" keeps, said before she chooses.
    assert "the register keeps the day of your declaration, not its time" in page


@on_test_day
def test_the_choice_to_be_named_is_explicit(site, host):
    answer = verified_client(host).post(
        "/register/declare/",
        {"occurred_at": "2026-11-03T10:15", "type": "verbal_abuse", "description": "x"},
    )
    assert answer.status_code == 200
    assert list(answer.context["form"].errors) == ["identity"]


def test_the_register_is_organisation_wide_for_the_advisor(site, other_site, advisor):
    worker = make_user(other_site, Role.HOST)
    declare(other_site, worker, named=True, description="Au second site")
    assert "Au second site" in verified_client(advisor).get("/register/").content.decode()


def test_the_inspector_gets_a_pdf_and_an_xlsx(site, host, advisor):
    declare(site, host, named=True, description="Menacée — « ça va mal finir »")
    client = verified_client(advisor)
    pdf = client.get("/register/print/")
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")
    xlsx = client.get("/register/export/?format=xlsx")
    assert xlsx.content.startswith(b"PK")
    csv = client.get("/register/export/").content.decode("utf-8-sig")
    assert "« ça va mal finir »" in csv
    assert host.full_name in csv


@on_test_day
def test_the_yearly_summary_counts_and_shows_no_description(site, host, advisor):
    tz = timezone.get_current_timezone()
    declare(site, host, named=True, occurred_at=datetime(2026, 3, 4, 22, 30, tzinfo=tz))
    declare(site, host, named=False, occurred_at=datetime(2026, 3, 9, 8, 0, tzinfo=tz))
    page = verified_client(advisor).get("/register/summary/?year=2026")
    summary = page.context["summary"]
    assert summary.total == 2
    assert summary.by_month[2] == (3, 2)
    assert dict(summary.by_hour_band) == {"00–06": 0, "06–12": 1, "12–18": 0, "18–24": 1}
    assert "Menacée" not in page.content.decode()


def test_declarations_older_than_five_years_are_purged(site, host):
    with time_machine.travel(datetime(2021, 6, 1, 12, tzinfo=timezone.get_current_timezone())):
        old = declare(site, host, named=False)
    with time_machine.travel(datetime(2024, 1, 10, 12, tzinfo=timezone.get_current_timezone())):
        recent = declare(site, host, named=False)
    with time_machine.travel(datetime(2026, 6, 2, 12, tzinfo=timezone.get_current_timezone())):
        counts = retention_run.dry_run(date(2026, 6, 2))
        assert counts[site.organisation_id]["third_party_violence_register"] == 1
        assert Declaration.objects.count() == 2  # the dry run changes nothing
        retention_run.apply(date(2026, 6, 2))
    assert list(Declaration.objects.values_list("pk", flat=True)) == [recent.pk]
    assert (
        AuditEvent.objects.filter(
            object_type="incidents.declaration", object_id=str(old.pk), action="delete"
        ).count()
        == 1
    )


@pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite serialises writers")
@pytest.mark.django_db(transaction=True)
def test_two_runs_at_once_write_each_row_once(site, host):
    moment = datetime(2026, 11, 3, 10, tzinfo=BRUSSELS)
    with time_machine.travel(moment, tick=False):
        pending = [declare(site, host, named=False, occurred_at=moment).pk for _ in range(6)]
    runs = 4
    barrier, written = threading.Barrier(runs), []

    def run() -> None:
        try:
            barrier.wait()
            written.append(write_pending_audit_rows())
        finally:
            connection.close()

    with time_machine.travel(datetime(2026, 11, 4, 3, tzinfo=BRUSSELS), tick=False):
        threads = [threading.Thread(target=run) for _ in range(runs)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    assert sum(written) == len(pending)
    rows = AuditEvent.objects.filter(object_type="incidents.declaration")
    assert sorted(int(pk) for pk in rows.values_list("object_id", flat=True)) == sorted(pending)
    assert audit_chain.verify_chain(site.organisation_id).intact
