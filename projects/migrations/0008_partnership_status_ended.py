"""Partnerships that had ended before statuses existed are "ended"; the rest
stay "active" (they were made without asking, before consent was needed).

A migration of its own, so that PostgreSQL alters the table (0006) in another
transaction than the one that rewrote the rows."""

from django.db import migrations


def mark_ended(apps, schema_editor):
    partnership_model = apps.get_model("projects", "Partnership")
    partnership_model.objects.filter(ended_at__isnull=False).update(status="ended")


def unmark(apps, schema_editor):
    pass  # 0004 drops the column on the way back


class Migration(migrations.Migration):
    dependencies = [("projects", "0007_partnership_status")]

    operations = [migrations.RunPython(mark_ended, unmark)]
