from __future__ import annotations

import pytest
from django.db import connection, transaction
from django.db.utils import DatabaseError

from conftest import verified_client
from coordo.access.ids import MAX_ID
from coordo.access.models import AppendOnlyError, AuditAction, AuditEvent, SystemActor
from coordo.access.scoping import principal_for_user


@pytest.mark.django_db
def test_viewing_a_person_writes_exactly_one_audit_row(person, social_worker):
    client = verified_client(social_worker)
    before = AuditEvent.objects.count()
    response = client.get(f"/people/{person.pk}/", REMOTE_ADDR="10.1.2.3")
    assert response.status_code == 200
    rows = list(AuditEvent.objects.order_by("-id")[: AuditEvent.objects.count() - before])
    assert len(rows) == 1
    row = rows[0]
    assert (row.action, row.object_type, row.object_id) == ("view", "people.person", str(person.pk))
    assert (row.actor_id, row.site_id, row.organisation_id) == (
        social_worker.pk,
        person.site_id,
        person.organisation_id,
    )
    assert row.ip == "10.1.2.3"
    assert row.request_id == response["X-Request-ID"]


@pytest.mark.django_db
def test_the_audit_row_holds_no_value_of_the_person(person, social_worker):
    verified_client(social_worker).post("/people/", {"q": "eloise"})
    row = AuditEvent.objects.latest("id")
    assert row.action == AuditAction.SEARCH
    stored = " ".join(str(value) for value in AuditEvent.objects.values_list().get(pk=row.pk))
    assert "eloise" not in stored.lower()
    assert "Van den" not in stored


@pytest.mark.django_db
def test_the_model_refuses_to_change_or_remove_an_audit_row():
    event = AuditEvent.objects.create(action=AuditAction.LOGIN)
    event.action = AuditAction.LOGOUT
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        event.delete()
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.filter(pk=event.pk).update(action=AuditAction.LOGOUT)
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.filter(pk=event.pk).delete()
    assert AuditEvent.objects.get(pk=event.pk).action == AuditAction.LOGIN


@pytest.mark.django_db
@pytest.mark.skipif(connection.vendor != "postgresql", reason="the trigger exists on PostgreSQL")
@pytest.mark.parametrize(
    "statement",
    ["UPDATE access_auditevent SET action = 'logout'", "DELETE FROM access_auditevent"],
)
def test_postgresql_refuses_update_and_delete_on_the_audit_table(statement):
    AuditEvent.objects.create(action=AuditAction.LOGIN)
    refused = pytest.raises(DatabaseError, match="append-only")
    with refused, transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(statement)
    assert AuditEvent.objects.filter(action=AuditAction.LOGIN).count() == 1


@pytest.mark.django_db
def test_coordinator_browses_and_filters_their_sites_trail(coordinator, person, other_site):
    from coordo.access import audit

    audit.record(AuditAction.VIEW, obj=person)
    audit.record(
        AuditAction.EXPORT,
        object_type="people.person",
        site_id=other_site.pk,
        organisation_id=other_site.organisation_id,
    )
    client = verified_client(coordinator)
    page = client.get("/audit/", {"action": "view"}).content.decode()
    assert f'<span title="people.person">person</span> · #{person.pk}' in page
    assert "1 event<" in page
    everything = client.get("/audit/").content.decode()
    assert "export" not in everything.lower().split("<tbody>")[1]


@pytest.mark.django_db
def test_admin_sees_the_organisation_trail_including_other_sites(admin_user, other_site):
    from coordo.access import audit

    audit.record(
        AuditAction.EXPORT,
        object_type="people.person",
        object_id=77,
        site_id=other_site.pk,
        organisation_id=other_site.organisation_id,
    )
    page = verified_client(admin_user).get("/audit/").content.decode()
    assert '<span title="people.person">person</span> · #77' in page
    assert f'<td class="optional">{other_site.name}</td>' in page


@pytest.mark.django_db
def test_the_who_filter_finds_the_rows_a_part_of_coordo_wrote(admin_user, coordinator, site):
    from coordo.access import audit

    where = {"site_id": site.pk, "organisation_id": site.organisation_id}
    kept = {"action": AuditAction.DELETE, "object_type": "people.person", **where}
    audit.record(object_id=5, system=SystemActor.RETENTION, **kept)
    audit.record(object_id=6, principal=principal_for_user(coordinator), **kept)
    audit.record(object_id=7, system=SystemActor.NOTIFICATIONS, **kept)
    client = verified_client(admin_user, "fr")

    def shown(actor: object) -> list[str]:
        page = client.get("/audit/", {"actor": actor, "action": "delete"})
        assert page.status_code == 200
        rows = page.content.decode().split("<tbody>")[1].split("</tbody>")[0]
        return [pk for pk in ("5", "6", "7") if f"</span> · #{pk}<" in rows]

    assert shown(SystemActor.RETENTION) == ["5"]
    assert shown(coordinator.pk) == ["6"]
    assert shown("") == ["5", "6", "7"]
    page = client.get("/audit/", {"actor": "system:retention"}).content.decode()
    assert '<option value="system:retention" selected>Règles de conservation</option>' in page
    assert '<optgroup label="Coordo lui-même">' in page


@pytest.mark.django_db
def test_a_who_out_of_the_choices_is_refused_not_the_whole_trail(admin_user):
    for actor in (str(MAX_ID + 1), "system:nobody"):
        page = verified_client(admin_user).get("/audit/", {"actor": actor})
        assert page.status_code == 400
        assert page.context["form"].errors["actor"] == [
            f"Select a valid choice. {actor} is not one of the available choices."
        ]
