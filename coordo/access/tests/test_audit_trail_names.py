"""The audit trail names users and sites, never shows the content of other records."""

from __future__ import annotations

import pytest

from conftest import make_user, verified_client
from coordo.access import audit
from coordo.access.models import AuditAction
from coordo.access.roles import Role

pytestmark = pytest.mark.django_db


def body_of(page: str) -> str:
    return page.split("<tbody>")[1].split("</tbody>")[0]


def test_users_and_sites_show_by_name_not_by_id(admin_user, site, other_site):
    colleague = make_user(other_site, Role.SOCIAL_WORKER)
    audit.record(AuditAction.DEACTIVATE, obj=colleague, site_id=other_site.pk)
    audit.record(AuditAction.UPDATE, obj=site)
    rows = body_of(verified_client(admin_user).get("/audit/").content.decode())
    assert f'<span title="access.user">user</span> · {colleague.full_name}' in rows
    assert f'<span title="access.site">site</span> · {site.name}' in rows
    assert f'<td class="optional">{other_site.name}</td>' in rows
    assert f"access.user #{colleague.pk}" not in rows
    assert f'<td class="optional">{other_site.pk}</td>' not in rows


def test_a_person_is_shown_by_kind_and_id_only(coordinator, person):
    audit.record(AuditAction.VIEW, obj=person)
    rows = body_of(verified_client(coordinator).get("/audit/").content.decode())
    assert f'<span title="people.person">person</span> · #{person.pk}' in rows
    assert person.last_name not in rows


def test_a_user_of_another_organisation_is_never_named(admin_user, site, foreign_site):
    stranger = make_user(foreign_site, Role.COORDINATOR)
    audit.record(
        AuditAction.VIEW,
        object_type="access.user",
        object_id=stranger.pk,
        site_id=site.pk,
        organisation_id=site.organisation_id,
    )
    rows = body_of(verified_client(admin_user).get("/audit/").content.decode())
    assert stranger.full_name not in rows
    assert f'<span title="access.user">user</span> · #{stranger.pk}' in rows


def test_a_distinct_act_is_named_in_the_readers_language(coordinator, site):
    audit.record(
        AuditAction.UPDATE,
        object_type="casework.casefile.reopened",
        object_id=3,
        site_id=site.pk,
        organisation_id=site.organisation_id,
    )
    rows = body_of(verified_client(coordinator, "fr").get("/audit/").content.decode())
    assert "dossier (rouvert)" in rows
