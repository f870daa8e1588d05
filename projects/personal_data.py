"""What the projects app keeps about a person (declared on ProjectsConfig)."""

from accounts.personal_data import Entry
from projects import services
from projects.models import (
    Activity,
    ChecklistTick,
    Measurement,
    Partnership,
    PhaseChange,
    PhaseCompletion,
    Project,
    TeamMember,
)


def _export_team_roles(user):
    return [
        {
            "project": m.project.title,
            "organisation": m.project.organisation.name,
            "role": m.role,
            "added": m.added_at.isoformat(),
        }
        for m in TeamMember.objects.filter(user=user).select_related("project__organisation")
    ]


def _export_projects_created(user):
    return [
        {"id": pk, "title": title, "created": created.isoformat()}
        for pk, title, created in Project.objects.filter(created_by=user).values_list(
            "pk", "title", "created_at"
        )
    ]


def _export_rows(model, field, project_path):
    def export(user):
        return [
            {"id": pk, "project": title}
            for pk, title in model.objects.filter(**{field: user}).values_list("pk", project_path)
        ]

    return export


def _export_measurements(user):
    return [
        {"project": project, "goal": goal, "date": day, "value": value}
        for project, goal, day, value in Measurement.objects.filter(recorded_by=user).values_list(
            "goal__project__title", "goal__name", "date", "value"
        )
    ]


def _export_activity(user):
    return [
        {"project": title, "event": kind, "when": when.isoformat()}
        for title, kind, when in Activity.objects.filter(actor=user).values_list(
            "project__title", "kind", "created_at"
        )
    ]


def entries() -> list[Entry]:
    # Team places go with the account; the rest is the organisation's record of
    # the work, kept and shown as by a former member.
    return [
        Entry(TeamMember, "project_roles", _export_team_roles, erase=services.leave_all_teams),
        Entry(Project, "projects_created", _export_projects_created),
        Entry(
            ChecklistTick,
            "checklist_ticks",
            _export_rows(ChecklistTick, "ticked_by", "project__title"),
        ),
        Entry(
            PhaseChange, "phase_changes", _export_rows(PhaseChange, "changed_by", "project__title")
        ),
        Entry(
            PhaseCompletion,
            "phases_marked_done",
            _export_rows(PhaseCompletion, "completed_by", "project__title"),
        ),
        Entry(Measurement, "measurements_recorded", _export_measurements),
        Entry(
            Partnership,
            "partnerships_added",
            _export_rows(Partnership, "added_by", "project__title"),
        ),
        Entry(
            Partnership,
            "partnership_requests_answered",
            _export_rows(Partnership, "answered_by", "project__title"),
        ),
        Entry(Activity, "project_activity", _export_activity),
    ]
