"""The organisation key filled by 0005 becomes required."""

import django.db.models.deletion
from django.db import migrations, models

TABLES = ("weeklywindow", "absence", "assignment", "planningrun", "rotaperiod")


class Migration(migrations.Migration):
    dependencies = [("planning", "0005_planning_tables_organisation")]

    operations = [
        migrations.AlterField(
            model_name=table,
            name="organisation",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="access.organisation",
            ),
        )
        for table in TABLES
    ]
