"""A partnership starts as a request that the partner organisation answers.

The new status starts as "active" for every existing row: partnerships made
before this change were added without asking, and keep working (0005 marks
the ones that had ended). 0006 then makes "pending" the default and puts the
constraints on the status, in a transaction of its own on PostgreSQL.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
        ("projects", "0006_phase_completion"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="partnership",
            name="status",
            field=models.CharField(
                choices=[
                    ("pending", "Waiting for an answer"),
                    ("active", "Active"),
                    ("declined", "Declined"),
                    ("withdrawn", "Withdrawn"),
                    ("ended", "Ended"),
                ],
                default="active",
                max_length=20,
                verbose_name="status",
            ),
        ),
        migrations.AddField(
            model_name="partnership",
            name="answered_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="answered"),
        ),
        migrations.AddField(
            model_name="partnership",
            name="answered_by",
            field=models.ForeignKey(
                blank=True,
                help_text="The partner organisation's administrator who accepted or declined.",
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="answered by",
            ),
        ),
        migrations.AlterField(
            model_name="partnership",
            name="added_at",
            field=models.DateTimeField(auto_now_add=True, verbose_name="requested"),
        ),
        migrations.AlterField(
            model_name="partnership",
            name="added_by",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="requested by",
            ),
        ),
        migrations.AlterField(
            model_name="partnership",
            name="ended_at",
            field=models.DateTimeField(
                blank=True,
                help_text="When the request was declined or withdrawn, or the partnership ended.",
                null=True,
                verbose_name="closed",
            ),
        ),
    ]
