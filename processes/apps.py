from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProcessesConfig(AppConfig):
    name = "processes"
    verbose_name = _("Process maps")

    # Contributions to shared machinery (klean.extensions).
    demo_seeder = "processes.demo.seed"
    personal_data = "processes.personal_data.entries"
    project_panels = "processes.views.maps.project_panels"
    checklist_hints = "processes.views.maps.checklist_hints"
    timeline_events = "processes.timeline.EVENTS"
    report_sections = "processes.report.sections"
    dashboard_panels = "processes.dashboard.panels"
    bench_data = "processes.bench.build"
