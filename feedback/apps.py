from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FeedbackConfig(AppConfig):
    name = "feedback"
    verbose_name = _("User feedback")

    # Contributions to shared machinery (klean.extensions).
    demo_seeder = "feedback.demo.seed"
    personal_data = "feedback.personal_data.entries"
    timeline_events = "feedback.timeline.EVENTS"
    bench_data = "feedback.bench.build"
    bench_targets = "feedback.bench.targets"
    report_sections = "feedback.report.sections"
    dashboard_panels = "feedback.dashboard.panels"
