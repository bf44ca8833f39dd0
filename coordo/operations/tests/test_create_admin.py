"""The first admin: an organisation, a site, an admin who must set up a second factor."""

from __future__ import annotations

import io

import pytest
from django.core.management import CommandError, call_command
from django.test import Client

from coordo.access.models import AuditEvent, Membership, User

pytestmark = pytest.mark.django_db
ARGS = [
    "--organisation",
    "Maison Fictive asbl",
    "--site",
    "Maison Fictive",
    "--site-kind",
    "shelter",
    "--email",
    "It@Fictive.example",
    "--full-name",
    "Alex Admin",
    "--password-stdin",
]


def test_the_first_admin_logs_in_and_is_sent_to_set_up_a_second_factor(monkeypatch, capsys):
    monkeypatch.setattr("sys.stdin", io.StringIO("a-long-fictional-passphrase\n"))
    call_command("create_admin", *ARGS)
    assert "it@fictive.example administers Maison Fictive asbl." in capsys.readouterr().out
    user = User.objects.get(email="it@fictive.example")
    membership = Membership.objects.get(user=user)
    assert (membership.role, membership.site.name, user.organisation.slug) == (
        "admin",
        "Maison Fictive",
        "maison-fictive-asbl",
    )
    created = AuditEvent.objects.get(action="create", object_id=str(user.pk))
    assert (created.actor_id, created.actor_label) == (None, "system:create_admin")
    client = Client()
    answer = client.post(
        "/accounts/login/",
        {"username": "it@fictive.example", "password": "a-long-fictional-passphrase"},
    )
    assert client.get("/").url == "/accounts/mfa/setup/"
    assert answer.status_code == 302


def test_a_weak_password_or_a_second_run_is_refused(monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO("short\n"))
    with pytest.raises(CommandError, match="at least 12 characters"):
        call_command("create_admin", *ARGS)
    assert not User.objects.exists()
    monkeypatch.setattr("sys.stdin", io.StringIO("a-long-fictional-passphrase\n"))
    call_command("create_admin", *ARGS)
    with pytest.raises(CommandError, match="exists"):
        call_command("create_admin", *ARGS)
