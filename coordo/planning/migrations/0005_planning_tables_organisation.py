"""The five planning tables that had no organisation key get one (DESIGN: every table
carries it), filled from the row they belong to: a weekly window and an absence from
their worker, an assignment and a run from their planning, a rota period from its rota.

The key is added empty and filled here; 0006 makes it required. Two migrations, because
PostgreSQL refuses to alter a table whose rows were just updated in the same transaction
while their foreign keys are still to be checked ("pending trigger events").
"""

import django.db.models.deletion
from django.db import migrations, models
from django.db.models import OuterRef, Subquery

# table -> (its parent's model, the key that points to it)
PARENTS = {
    "weeklywindow": ("worker", "worker_id"),
    "absence": ("worker", "worker_id"),
    "assignment": ("planning", "planning_id"),
    "planningrun": ("planning", "planning_id"),
    "rotaperiod": ("rota", "rota_id"),
}


def fill_from_parent(apps, schema_editor):
    for table, (parent, key) in PARENTS.items():
        rows = apps.get_model("planning", table).objects
        parents = apps.get_model("planning", parent).objects.filter(pk=OuterRef(key))
        rows.update(organisation_id=Subquery(parents.values("organisation_id")[:1]))


def nullable_key():
    return models.ForeignKey(
        null=True,
        on_delete=django.db.models.deletion.PROTECT,
        related_name="+",
        to="access.organisation",
    )


class Migration(migrations.Migration):
    dependencies = [
        ("access", "0007_organisation_active_and_token_expiry"),
        ("planning", "0004_site_planning_settings_worker_email"),
    ]

    operations = [
        *(
            migrations.AddField(model_name=table, name="organisation", field=nullable_key())
            for table in PARENTS
        ),
        migrations.RunPython(fill_from_parent, migrations.RunPython.noop),
    ]
