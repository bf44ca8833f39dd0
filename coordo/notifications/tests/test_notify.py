"""An inbox row written by the notifications, on no one's behalf, says so on the audit trail."""

from __future__ import annotations

import pytest

from coordo.access.audit_chain import verify_chain
from coordo.access.models import AuditEvent
from coordo.notifications import Notice, notify


@pytest.mark.django_db
def test_each_delivery_has_one_audit_row_naming_the_notifications(site, coordinator, host):
    deliveries = notify([coordinator, host], Notice("Coordo: a notice", "Open Coordo."))
    rows = AuditEvent.objects.filter(object_type="notifications.delivery").order_by("id")
    assert [(r.action, r.object_id, r.actor_id, r.actor_label) for r in rows] == [
        ("create", str(delivery.pk), None, "system:notifications") for delivery in deliveries
    ]
    assert verify_chain(site.organisation_id).intact
