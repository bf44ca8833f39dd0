"""The audit rows' hash chain: two fields, the index its head is read by, and on PostgreSQL
the function that locks a chain and reads its head in one round trip (audit_chain.seal).
"""

from django.db import migrations, models

# 1096107092 is "AUDT", the first key of the chain locks; the second is the organisation.
# A VOLATILE function: its SELECT takes a fresh snapshot after the lock is granted, so it
# sees the row that the lock's previous holder committed (READ COMMITTED).
CREATE = """
CREATE OR REPLACE FUNCTION coordo_audit_chain_head(chain bigint) RETURNS varchar AS $$
DECLARE
    head varchar;
BEGIN
    PERFORM pg_advisory_xact_lock(1096107092, (COALESCE(chain, 0) % 2147483648)::int);
    IF chain IS NULL THEN
        SELECT row_hash INTO head FROM access_auditevent
            WHERE organisation_id IS NULL ORDER BY id DESC LIMIT 1;
    ELSE
        SELECT row_hash INTO head FROM access_auditevent
            WHERE organisation_id = chain ORDER BY id DESC LIMIT 1;
    END IF;
    RETURN COALESCE(head, '');
END;
$$ LANGUAGE plpgsql VOLATILE;
"""
DROP = "DROP FUNCTION IF EXISTS coordo_audit_chain_head(bigint);"


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE, params=None)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP, params=None)


class Migration(migrations.Migration):
    dependencies = [
        ("access", "0003_site_women_only"),
    ]

    operations = [
        migrations.AddField(
            model_name="auditevent",
            name="prev_hash",
            field=models.CharField(blank=True, editable=False, max_length=64),
        ),
        migrations.AddField(
            model_name="auditevent",
            name="row_hash",
            field=models.CharField(blank=True, editable=False, max_length=64),
        ),
        migrations.AddIndex(
            model_name="auditevent",
            index=models.Index(fields=["organisation", "id"], name="audit_chain_head"),
        ),
        migrations.RunPython(forwards, backwards),
    ]
