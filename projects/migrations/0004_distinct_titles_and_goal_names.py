"""Before titles and goal names become unique (0005): number any that repeat.

A second "Raskere byggesak" in one organisation becomes "Raskere byggesak (2)";
a goal name that repeats within a project likewise.
"""

from django.db import migrations


def number_repeats(model, group_field, name_field):
    seen = set()
    for row in model.objects.order_by(group_field, "pk").iterator():
        key = (getattr(row, f"{group_field}_id"), getattr(row, name_field).lower())
        if key not in seen:
            seen.add(key)
            continue
        n = 2
        base = getattr(row, name_field)[:190]
        while (key[0], f"{base} ({n})".lower()) in seen:
            n += 1
        new = f"{base} ({n})"
        seen.add((key[0], new.lower()))
        model.objects.filter(pk=row.pk).update(**{name_field: new})


def forwards(apps, schema_editor):
    number_repeats(apps.get_model("projects", "Project"), "organisation", "title")
    number_repeats(apps.get_model("projects", "Goal"), "project", "name")


class Migration(migrations.Migration):
    dependencies = [("projects", "0003_remove_activity_summary")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
