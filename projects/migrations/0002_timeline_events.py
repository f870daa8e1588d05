"""The timeline stores events (kind, references, JSON data), no longer display text.

Existing lines are converted: their summary text becomes data, and the person
or organisation a line named becomes a reference. A person is found by the
name the line quoted among the people on the project's team or in its
organisations; a person who can no longer be found reads as a former member.
"""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models

SEPARATOR = "\x1f"


def _person(apps, project, name):
    user_model = apps.get_model(*settings.AUTH_USER_MODEL.split("."))
    organisations = [project.organisation_id, *project.partnerships.values_list("organisation_id", flat=True)]
    candidates = user_model.objects.filter(full_name=name, deleted_at__isnull=True).filter(
        models.Q(project_roles__project=project) | models.Q(memberships__organisation_id__in=organisations)
    )
    found = list(candidates.distinct()[:2])
    return found[0] if len(found) == 1 else None


def convert(apps, schema_editor):
    activity_model = apps.get_model("projects", "Activity")
    content_type_model = apps.get_model("contenttypes", "ContentType")
    organisation_model = apps.get_model("accounts", "Organisation")
    user_type, _ = content_type_model.objects.get_or_create(
        app_label=settings.AUTH_USER_MODEL.split(".")[0],
        model=settings.AUTH_USER_MODEL.split(".")[1].lower(),
    )
    organisation_type, _ = content_type_model.objects.get_or_create(
        app_label="accounts", model="organisation"
    )
    for line in activity_model.objects.select_related("project").iterator():
        kind, summary = line.kind, line.summary or ""
        data, target_type, target_id = {}, None, None
        if kind in ("phase_forward", "phase_back") and summary.isdigit():
            data = {"phase": int(summary)}
        elif kind == "status":
            data = {"status": summary}
        elif kind in ("ticked", "unticked") and ":" in summary:
            phase, item = summary.split(":", 1)
            data = {"phase": int(phase) if phase.isdigit() else -1, "item": item}
        elif kind in ("goal_added", "goal_edited", "goal_deleted"):
            data = {"goal": summary}
        elif kind == "measured":
            goal, _sep, value = summary.rpartition(": ")
            data = {"goal": goal, "value": value}
        elif kind in ("member_added", "member_changed", "member_removed"):
            name, _sep, role = summary.rpartition(SEPARATOR) if SEPARATOR in summary else (summary, "", "")
            if role:
                data = {"role": role}
            person = _person(apps, line.project, name)
            target_type = user_type
            target_id = person.pk if person else 0  # 0: nobody – reads as a former member
        elif kind in ("partner_added", "partner_ended"):
            organisation = organisation_model.objects.filter(name=summary).first()
            if organisation:
                target_type, target_id = organisation_type, organisation.pk
        line.kind = f"projects.{kind}"
        line.data = data
        line.target_type = target_type
        line.target_id = target_id
        line.summary = ""
        line.save(update_fields=["kind", "data", "target_type", "target_id", "summary"])


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("projects", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="activity",
            name="data",
            field=models.JSONField(blank=True, default=dict),
        ),
        migrations.AddField(
            model_name="activity",
            name="target_id",
            field=models.PositiveBigIntegerField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name="activity",
            name="target_type",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to="contenttypes.contenttype",
            ),
        ),
        migrations.AlterField(
            model_name="activity",
            name="created_at",
            field=models.DateTimeField(db_index=True, default=django.utils.timezone.now),
        ),
        migrations.AlterField(
            model_name="activity",
            name="kind",
            field=models.CharField(max_length=60),
        ),
        migrations.RunPython(convert, migrations.RunPython.noop),
    ]
