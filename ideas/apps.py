from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IdeasConfig(AppConfig):
    name = "ideas"
    verbose_name = _("Ideas")

    # Contributions to shared machinery (klean.extensions).
    demo_seeder = "ideas.demo.seed"
    personal_data = "ideas.personal_data.entries"
    timeline_events = "ideas.timeline.EVENTS"
    bench_data = "ideas.bench.build"
    bench_targets = "ideas.bench.targets"
    report_sections = "ideas.report.sections"
    language_chosen = "ideas.notifications.remember_language"
    dashboard_panels = "ideas.dashboard.panels"
