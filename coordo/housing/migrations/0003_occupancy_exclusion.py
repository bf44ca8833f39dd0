"""On PostgreSQL the database itself refuses a bed given twice or a family unit shared.

The constraints use GiST with btree_gist, which SQLite lacks; there the admitting
actions run in IMMEDIATE transactions (writers serialised) and check the same rules.
They are not declared in `Meta.constraints` so that model validation stays portable.
"""

from django.contrib.postgres.operations import BtreeGistExtension
from django.db import migrations

PERIOD = "daterange(\"start\", \"end\", '[)')"
CONSTRAINTS = {
    # Two persons never hold the same bed slot on the same night.
    "occupancy_slot_free": f"EXCLUDE USING gist (unit_id WITH =, slot WITH =, {PERIOD} WITH &&)",
    # A family unit holds one household (one stay) at a time.
    "occupancy_family_one_stay": (
        f"EXCLUDE USING gist (unit_id WITH =, {PERIOD} WITH &&, stay_id WITH <>) WHERE (family)"
    ),
    # A person sleeps in one place at a time.
    "occupancy_person_one_place": f"EXCLUDE USING gist (person_id WITH =, {PERIOD} WITH &&)",
}


def add_constraints(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, definition in CONSTRAINTS.items():
        schema_editor.execute(f"ALTER TABLE housing_occupancy ADD CONSTRAINT {name} {definition}")


def drop_constraints(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in CONSTRAINTS:
        schema_editor.execute(f"ALTER TABLE housing_occupancy DROP CONSTRAINT IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("housing", "0002_stays_and_waiting_list")]

    operations = [
        BtreeGistExtension(),
        migrations.RunPython(add_constraints, drop_constraints),
    ]
