"""The organisation admin marks a site women-only; the site list says so."""

from __future__ import annotations

from conftest import verified_client
from coordo.access.models import AuditAction, AuditEvent, Site, User


def test_an_admin_marks_a_site_women_only(admin_user: User, site: Site) -> None:
    client = verified_client(admin_user)
    form = client.get(f"/manage/sites/{site.pk}/").content.decode()
    assert 'name="women_only"' in form
    data = {
        "name": site.name,
        "kind": site.kind,
        "city": "Namur",
        "women_only": "on",
        "is_active": "on",
    }
    assert client.post(f"/manage/sites/{site.pk}/", data).status_code == 302
    site.refresh_from_db()
    assert (site.women_only, site.city) == (True, "Namur")
    assert (
        AuditEvent.objects.filter(
            action=AuditAction.UPDATE, object_type="access.site", object_id=str(site.pk)
        ).count()
        == 1
    )
    assert "women only" in client.get("/manage/sites/").content.decode()


def test_a_new_site_is_not_women_only(site: Site) -> None:
    assert site.women_only is False
