"""New partnerships wait for the partner's answer; at most one open (pending
or active) partnership per project and organisation; a closed one has a date."""

from django.db import migrations, models

OPEN = ("pending", "active")


class Migration(migrations.Migration):
    dependencies = [("projects", "0008_partnership_status_ended")]

    operations = [
        migrations.AlterField(
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
                default="pending",
                max_length=20,
                verbose_name="status",
            ),
        ),
        migrations.RemoveConstraint(
            model_name="partnership", name="partnership_one_active_per_organisation"
        ),
        migrations.AddConstraint(
            model_name="partnership",
            constraint=models.UniqueConstraint(
                condition=models.Q(("status__in", OPEN)),
                fields=("project", "organisation"),
                name="partnership_one_open_per_organisation",
            ),
        ),
        migrations.AddConstraint(
            model_name="partnership",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("status__in", ["pending", "active", "declined", "withdrawn", "ended"])
                ),
                name="partnership_status_valid",
            ),
        ),
        migrations.AddConstraint(
            model_name="partnership",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("ended_at__isnull", True), ("status__in", OPEN)),
                    models.Q(
                        models.Q(("status__in", OPEN), _negated=True),
                        ("ended_at__isnull", False),
                    ),
                    _connector="OR",
                ),
                name="partnership_closed_when_it_ends",
            ),
        ),
    ]
