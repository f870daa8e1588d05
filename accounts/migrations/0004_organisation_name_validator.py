"""Forms and the admin refuse control characters in organisation names (0002
cleaned the names already stored)."""

from django.db import migrations, models

import accounts.validators


class Migration(migrations.Migration):
    dependencies = [("accounts", "0003_clean_organisation_names")]

    operations = [
        migrations.AlterField(
            model_name="organisation",
            name="name",
            field=models.CharField(
                max_length=200,
                validators=[accounts.validators.validate_no_control_characters],
                verbose_name="name",
            ),
        ),
    ]
