from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProjectsConfig(AppConfig):
    name = "projects"
    verbose_name = _("Improvement projects")

    def ready(self):
        from accounts import personal_data
        from accounts.management.commands.seed_demo import DEMO_SEEDERS
        from projects import demo, services
        from projects.models import (
            Activity,
            ChecklistTick,
            Measurement,
            Partnership,
            PhaseChange,
            Project,
            TeamMember,
        )

        DEMO_SEEDERS.append(demo.seed)

        personal_data.register(
            TeamMember,
            label="project_roles",
            export=lambda user: [
                {
                    "project": m.project.title,
                    "organisation": m.project.organisation.name,
                    "role": m.role,
                    "added": m.added_at.isoformat(),
                }
                for m in TeamMember.objects.filter(user=user).select_related(
                    "project__organisation"
                )
            ],
            erase=services.leave_all_teams,
        )
        # The organisation's record of the work: kept, shown as by a former member.
        personal_data.register(
            Project,
            label="projects_created",
            export=lambda user: list(
                Project.objects.filter(created_by=user).values("pk", "title", "created_at")
            ),
        )
        for model, field, label in [
            (ChecklistTick, "ticked_by", "checklist_ticks"),
            (PhaseChange, "changed_by", "phase_changes"),
            (Measurement, "recorded_by", "measurements_recorded"),
            (Partnership, "added_by", "partnerships_added"),
            (Activity, "actor", "project_activity"),
        ]:
            project_path = "goal__project__title" if model is Measurement else "project__title"
            personal_data.register(
                model,
                label=label,
                export=lambda user, model=model, field=field, path=project_path: [
                    {"id": row["pk"], "project": row[path]}
                    for row in model.objects.filter(**{field: user}).values("pk", path)
                ],
            )
