"""A unique string planted in every confidential field may show only where the policy allows.

Each case requests one GET route (page or API), or a read-only POST (a search), as one role, for the records of one
place, from a user of the own site or of another site, and checks every canary in
the answer, in the log records written meanwhile, in the audit table and in the
outgoing mail; and that the audit rows the request wrote name every person it shows
(`tests/audit_rule.py`). The canaries and where each may show are declared beside the routes,
in `tests/permissions/<app>.py` (`CANARIES`).

Both sites of the organisation carry canaries (the other site a variant of each, so an
answer tells whose it shows). The `MULTI_ROLE` users hold a different role at each: a
site's values show to them only where their role at that site allows, never because
of the role they hold at the other site.
"""

from __future__ import annotations

import logging
import shutil
import subprocess
from collections.abc import Iterator
from datetime import time, timedelta
from io import BytesIO
from typing import Any

import pytest
import time_machine
from django.core import mail
from django.utils import timezone
from docx import Document
from openpyxl import load_workbook

from coordo.access.logging import RequestIdFilter
from coordo.access.models import AuditEvent
from coordo.access.policy import POLICY, Scope
from coordo.access.roles import Role
from coordo.incidents.actions.register import write_pending_audit_rows
from coordo.incidents.models import Declaration
from coordo.notifications.models import Delivery
from tests.audit_rule import audit_problems, last_audit_id, person_values
from tests.permissions import CANARIES, MATRIX
from tests.test_permission_matrix import CURRENT, client_at, route_url
from tests.world import MULTI_ROLE, PLACES, SITES, at_other_site, world_fixture

READ_ROUTES = [name for name, route in MATRIX.items() if route.method == "GET" or route.read_only]
PLANTED = {key: value for key, (value, _allowed) in CANARIES.items()}
PLANTED_AT = {
    "own": PLANTED,
    "other_site": {key: at_other_site(key, value) for key, value in PLANTED.items()},
}
world = world_fixture(PLANTED)


def cases() -> Iterator[Any]:
    for role in Role.values:
        for user_place in ("own", "other_site"):
            for name in READ_ROUTES:
                for place in PLACES if MATRIX[name].target else ("own",):
                    yield pytest.param(
                        role, user_place, name, place, id=f"{role}-{user_place}-{name}-{place}"
                    )


def test_the_national_number_canary_has_valid_check_digits():
    from stdnum.be import nn

    assert nn.is_valid(PLANTED["person.national_number"])


def test_every_canary_shows_somewhere_or_is_declared_invisible_everywhere():
    for key, (_value, allowed) in CANARIES.items():
        assert all(route in MATRIX for _role, route in allowed), key


@pytest.mark.django_db
def test_every_person_of_the_world_has_a_tracer(world):
    # The audit rule tells persons apart by their last names.
    last_names = [values[0] for values in person_values().values()]
    assert len(last_names) == len(set(last_names)) > 0


def read(client, name, place):
    """GET the route, or POST it when it is a read-only POST (a search keeping names out of URLs)."""
    url, route = route_url(name, place), MATRIX[name]
    return client.post(url, route.data) if route.read_only else client.get(url)


def document_text(answer) -> str:
    """The text of a PDF (pdftotext), an XLSX (every cell) or a DOCX (paragraphs, tables)."""
    kind, content = answer.get("Content-Type", ""), answer.content
    if kind.startswith("application/pdf"):
        path = shutil.which("pdftotext")
        assert path, "pdftotext is missing: apt-get install poppler-utils"
        done = subprocess.run([path, "-", "-"], input=content, capture_output=True)  # noqa: S603
        # An uploaded attachment is the user's own file, not always a PDF poppler can read
        # (the world's are a few bytes); its bytes are searched above all the same.
        return done.stdout.decode() if done.returncode == 0 else ""
    if kind.startswith("application/vnd.openxmlformats-officedocument.spreadsheetml"):
        book = load_workbook(BytesIO(content), read_only=True)
        return "\n".join(
            str(v)
            for sheet in book
            for row in sheet.iter_rows(values_only=True)
            for v in row
            if v is not None
        )
    if kind.startswith("application/vnd.openxmlformats-officedocument.wordprocessingml"):
        document = Document(BytesIO(content))
        cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
        return "\n".join([paragraph.text for paragraph in document.paragraphs] + cells)
    return ""


def check_answer(answer, caplog, user, roles: dict[str, str], current: str, name, place, since):
    """Every site's canaries against what `roles` (site label -> role) allows; the audit rule."""
    # errors="replace": a PDF answer is binary; its text is searched all the same, and so is
    # the text inside a PDF, XLSX or DOCX file (compressed in the file).
    body = answer.content.decode(errors="replace") + "\n" + document_text(answer)
    audit_dump = repr(list(AuditEvent.objects.values_list()))
    # An organisation-wide role (the prevention advisor) reads every site's records.
    org_wide = {role for role in roles.values() if POLICY[role].scope == Scope.ORGANISATION}
    for site in SITES:
        for key, (_value, allowed) in CANARIES.items():
            value = PLANTED_AT[site][key]
            shown = any((role, name) in allowed for role in {roles.get(site), *org_wide}) and (
                place == site or not MATRIX[name].target
            )
            if not shown:
                assert value not in body, f"{key} of the {site} leaked"
            elif site == current:
                assert value in body, f"{key} of the {site} missing"
            # else: a page that acts at the current site may leave the other site out.
            assert value not in caplog.text
            assert value not in audit_dump
            assert all(value not in message.body for message in mail.outbox)
    problems = audit_problems(body, since, user)
    assert not problems, "\n".join(problems)


@pytest.mark.django_db
@pytest.mark.parametrize(("role", "user_place", "name", "place"), list(cases()))
def test_confidential_fields_show_only_where_allowed(world, role, user_place, name, place, caplog):
    caplog.set_level(logging.DEBUG)
    user = world.users[role] if user_place == "own" else world.other_site_users[role]
    client, since = world.client(user), last_audit_id()
    answer = read(client, name, world.places[place])
    check_answer(answer, caplog, user, {user_place: role}, user_place, name, place, since)


def multi_role_cases() -> Iterator[Any]:
    for user in MULTI_ROLE:
        for name in READ_ROUTES:
            for place in SITES if MATRIX[name].target else ("own",):
                yield pytest.param(user, name, place, id=f"{user}-{name}-{place}")


@pytest.mark.django_db
@pytest.mark.parametrize(("user_name", "name", "place"), list(multi_role_cases()))
def test_a_role_at_one_site_shows_nothing_of_another(world, user_name, name, place, caplog):
    caplog.set_level(logging.DEBUG)
    user = world.multi_role[user_name]
    client, since = client_at(world, user, world.places[CURRENT].site), last_audit_id()
    answer = read(client, name, world.places[place])
    check_answer(answer, caplog, user, MULTI_ROLE[user_name], CURRENT, name, place, since)


# Writes of confidential identities: the canary they write or remove shows in no answer, log
# record, audit row or mail (the answers are redirects; the pages are read routes above).
IDENTITY_WRITES = {
    "incident_involvement_add": {
        "role": "witness",
        "description": PLANTED["involvement.description"],
    },
    "incident_involvement_remove": {},  # the world's planted author, removed
}


@pytest.mark.django_db
@pytest.mark.parametrize("name", list(IDENTITY_WRITES))
def test_writing_an_identity_leaks_it_nowhere(world, name, caplog):
    caplog.set_level(logging.DEBUG)
    user = world.users[Role.COORDINATOR]
    incident = world.places["own"].records["incident"]
    client, since = world.client(user), last_audit_id()
    answer = client.post(route_url(name, world.places["own"]), IDENTITY_WRITES[name])
    assert answer.status_code == 302
    # The world's incident names a victim and an author; the write went through.
    planted = incident.involvements.filter(description=PLANTED["involvement.description"])
    assert (incident.involvements.count(), planted.count()) == (
        (3, 2) if name == "incident_involvement_add" else (1, 0)
    )
    check_answer(answer, caplog, user, {"own": Role.COORDINATOR}, "own", name, "own", since)


@pytest.mark.django_db
def test_a_declaration_without_a_name_leaves_no_trace_of_its_declarant(world, caplog):
    """No audit row, log record or notice of the declaration names her, her address or the
    request (which the access logs would join to her); the thorough test is in
    coordo/incidents/tests/test_register.py."""
    caplog.set_level(logging.DEBUG)
    caplog.handler.addFilter(RequestIdFilter())  # as the console handler does
    host = world.users[Role.HOST]
    client, since = world.client(host), last_audit_id()
    inbox = Delivery.objects.count()
    answer = client.post(
        "/register/declare/",
        {
            "occurred_at": f"{timezone.localtime() - timedelta(days=1):%Y-%m-%dT%H:%M}",
            "type": "threat",
            "identity": "anonymous",
            "description": PLANTED["declaration.description"],
        },
        headers={"X-Request-ID": "d5c1a2b3e4f50617"},
        REMOTE_ADDR="203.0.113.77",
    )
    assert answer.status_code == 302
    # No row in her request: the chain would set it between her own rows.
    assert list(AuditEvent.objects.filter(pk__gt=since)) == []
    assert not [record for record in caplog.records if record.request_id == "d5c1a2b3e4f50617"]
    assert Delivery.objects.count() == inbox
    check_answer(answer, caplog, host, {"own": Role.HOST}, "own", "register_declare", "own", since)
    # After her day, the daily jobs write it: no actor, no request, no address, its day's noon.
    declared = Declaration.objects.latest("pk")
    assert (declared.description, declared.audit_pending) == (
        PLANTED["declaration.description"],
        True,
    )
    with time_machine.travel(timezone.now() + timedelta(days=1)):
        write_pending_audit_rows()
    rows = list(AuditEvent.objects.filter(pk__gt=since))
    assert [(r.object_type, r.actor_id, r.actor_label, r.request_id, r.ip, r.at) for r in rows] == [
        ("incidents.declaration", None, "", "", None, declared.declared_at)
    ]
    assert timezone.localtime(declared.declared_at).time() == time(12)
    assert PLANTED["declaration.description"] not in repr(list(AuditEvent.objects.values_list()))


@pytest.mark.django_db
@pytest.mark.parametrize("role", [Role.COORDINATOR, Role.SOCIAL_WORKER])
def test_her_outreach_consent_withdrawn_the_round_no_longer_names_her(world, role, caplog):
    """The world's named outreach contact, after she withdrew her outreach consent on her
    page: the round's contacts show her tracer (her last name) nowhere, the page stays within
    the canaries and the audit rule (the form below may still offer her, if she agrees again)."""
    caplog.set_level(logging.DEBUG)
    user, place = world.users[role], world.places["own"]
    client = world.client(user)
    withdrawal = {"purpose": "outreach", "given": "no", "date": "2026-11-20"}
    assert client.post(route_url("person_consent_add", place), withdrawal).status_code == 302
    since = last_audit_id()
    answer = read(client, "community_round", place)
    contacts = answer.content.decode().split("Record a contact")[0]
    assert place.records["person"].last_name not in contacts
    assert "no longer named: her consent was withdrawn" in contacts
    check_answer(answer, caplog, user, {"own": role}, "own", "community_round", "own", since)
