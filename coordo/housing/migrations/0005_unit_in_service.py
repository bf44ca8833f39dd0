"""Units get the dates they are in service; existing ones from the earliest date known.

No unit stored its creation date. An existing unit is in service from the earlier of
the night someone first slept there and the day it was entered into Coordo (its
audit CREATE row), or from the day of this migration when neither is known:

- the first stay alone would drop the beds of a unit that stood empty after it was
  entered (its first months' rate too high);
- the entry date alone would drop the nights of a house that typed its history in
  after the fact (nights outside the service, a rate over 100 %).

The earlier of the two keeps every recorded night inside the service, and every bed
Coordo knew of in the capacity, so no existing figure loses a night it had.
"""

import django.utils.timezone
from django.db import migrations, models
from django.db.models import Min


def in_service_since_first_known(apps, schema_editor):
    Unit = apps.get_model("housing", "Unit")
    Occupancy = apps.get_model("housing", "Occupancy")
    AuditEvent = apps.get_model("access", "AuditEvent")
    first_nights = Occupancy.objects.order_by().values("unit").annotate(first=Min("start"))
    known = {row["unit"]: row["first"] for row in first_nights}
    entered = (
        AuditEvent.objects.filter(object_type="housing.unit", action="create")
        .order_by()
        .values("object_id")
        .annotate(first=Min("at"))
    )
    for row in entered:
        if row["object_id"].isdigit():
            unit_id, day = int(row["object_id"]), django.utils.timezone.localdate(row["first"])
            known[unit_id] = min(known.get(unit_id, day), day)
    units = list(Unit.objects.filter(pk__in=known))
    for unit in units:
        unit.in_service_from = known[unit.pk]
    Unit.objects.bulk_update(units, ["in_service_from"], batch_size=1000)


class Migration(migrations.Migration):
    dependencies = [
        ("access", "0006_audit_password_and_mfa_actions"),
        ("housing", "0004_stay_site_until"),
    ]

    operations = [
        migrations.AddField(
            model_name="unit",
            name="in_service_from",
            field=models.DateField(
                default=django.utils.timezone.localdate,
                help_text="The first night the unit can take someone.",
                verbose_name="in service from",
            ),
        ),
        migrations.AddField(
            model_name="unit",
            name="out_of_service_from",
            field=models.DateField(
                blank=True,
                help_text=(
                    "The first night it takes nobody any more, for good (sold, given back, "
                    "merged). Leave empty while it is in service; works are an out-of-service "
                    "period instead."
                ),
                null=True,
                verbose_name="withdrawn from service on",
            ),
        ),
        migrations.RunPython(in_service_since_first_known, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="unit",
            constraint=models.CheckConstraint(
                condition=models.Q(out_of_service_from__isnull=True)
                | models.Q(out_of_service_from__gt=models.F("in_service_from")),
                name="unit_withdrawn_after_in_service",
            ),
        ),
    ]
