from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProjectsConfig(AppConfig):
    name = "projects"
    verbose_name = _("Improvement projects")

    # Contributions to shared machinery (klean.extensions).
    demo_seeder = "projects.demo.seed"
    personal_data = "projects.personal_data.entries"
    timeline_events = "projects.timeline.EVENTS"
    permission_tables = "projects.access.permission_tables"
    home_panels = "projects.views.home_panels"
    report_sections = "projects.report.sections"
    dashboard_panels = "projects.dashboard.panels"
