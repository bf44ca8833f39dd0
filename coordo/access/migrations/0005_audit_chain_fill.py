"""Seal the rows written before the hash chain into their chains, in id order.

On PostgreSQL the append-only trigger is set aside for this one pass: the migration
runs as the tables' owner, the only role that may (docs/production.md).
"""

from django.db import migrations

from coordo.access.audit_chain import row_hash

TRIGGER = "access_auditevent_no_update_delete"
BATCH = 1000


def forwards(apps, schema_editor):
    AuditEvent = apps.get_model("access", "AuditEvent")
    postgres = schema_editor.connection.vendor == "postgresql"
    if postgres:
        schema_editor.execute(f"ALTER TABLE access_auditevent DISABLE TRIGGER {TRIGGER}")
    heads: dict[int | None, str] = {}
    batch = []
    for event in AuditEvent.objects.order_by("id").iterator(chunk_size=BATCH):
        event.prev_hash = heads.get(event.organisation_id, "")
        event.row_hash = heads[event.organisation_id] = row_hash(event, event.prev_hash)
        batch.append(event)
        if len(batch) == BATCH:
            AuditEvent.objects.bulk_update(batch, ["prev_hash", "row_hash"])
            batch = []
    AuditEvent.objects.bulk_update(batch, ["prev_hash", "row_hash"])
    if postgres:
        schema_editor.execute(f"ALTER TABLE access_auditevent ENABLE TRIGGER {TRIGGER}")


class Migration(migrations.Migration):
    dependencies = [("access", "0004_audit_hash_chain")]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
