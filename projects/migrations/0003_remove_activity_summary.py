"""The timeline's display text is gone: every line is an event now (see 0002).

A migration of its own, so that PostgreSQL alters the table in another
transaction than the one that rewrote the rows."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("projects", "0002_timeline_events")]

    operations = [
        migrations.RemoveField(model_name="activity", name="summary"),
        migrations.AddIndex(
            model_name="activity",
            index=models.Index(fields=["project", "-created_at"], name="activity_project_time"),
        ),
    ]
