import datetime

from django.db import migrations, models
from django.db.models.functions import Coalesce


class Migration(migrations.Migration):
    dependencies = [("housing", "0003_occupancy_exclusion")]

    operations = [
        migrations.AddIndex(
            model_name="stay",
            index=models.Index(
                models.F("site"),
                Coalesce(
                    "end",
                    models.Value(datetime.date(9999, 12, 31)),
                    output_field=models.DateField(),
                ),
                name="stay_site_until",
            ),
        ),
    ]
