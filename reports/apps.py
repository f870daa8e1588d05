from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = _("Reports and dashboards")

    # Contributions to shared machinery (klean.extensions).
    # --- reports: the PDF pipeline (reports/views.py, services.py, tasks.py)
    demo_seeder = "reports.demo.seed"
    personal_data = "reports.personal_data.entries"
    timeline_events = "reports.timeline.EVENTS"
    permission_tables = "reports.access.permission_tables"
    project_panels = "reports.views.project_panels"
    home_panels = "reports.views.home_panels"
