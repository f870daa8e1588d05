"""What each app contributes to shared machinery, declared on its ``AppConfig``.

An app declares a contribution as a class attribute of its ``AppConfig`` that
holds the dotted path of the object contributed, for example::

    class ProjectsConfig(AppConfig):
        demo_seeder = "projects.demo.seed"
        personal_data = "projects.personal_data.entries"
        timeline_events = "projects.timeline.EVENTS"
        permission_tables = "projects.access.permission_tables"

The machinery that uses a contribution (``seed_demo``, the personal-data
download and erasure, the timeline, README's role tables, later dashboards and
report sections) reads it with ``contributions(name)``, in the order of
INSTALLED_APPS. Nothing is appended to a registry from another module, and no
lower app imports a higher one.

The extension points:

============================  ================================================
``demo_seeder``               a callable ``seed(command)`` that adds demo data
``personal_data``             a callable listing ``accounts.personal_data.Entry``
``timeline_events``           a dict of event kind → ``projects.timeline.Event``
``permission_tables``         a callable returning [(title, markdown table)]
``home_panels``               a callable ``panels(request)`` returning the
                              ``Panel`` cards the app adds to an organisation's
                              home page for the signed-in member (a fixed,
                              small number of queries; no cached HTML)
``project_panels``            a callable ``panels(request)`` returning the
                              ``Panel`` cards the app adds to a project's
                              overview (``request.project`` and its
                              permissions are set; a fixed, small number of
                              queries)
``checklist_hints``           a callable ``hints(project)`` returning
                              {(phase, item key): text}: a short note beside
                              a phase checklist item the app can vouch for
                              ("2 future-state maps exist"); the facilitator
                              still ticks (one query at most)
``dashboard_panels``          a callable ``panels(scope)`` returning the
                              ``Panel`` cards the app adds to a project's or
                              an organisation's dashboard
                              (``reports.dashboards.Scope``: organisation,
                              the projects in view, the period); a fixed,
                              small number of queries whatever the count of
                              projects
``report_sections``           a callable ``sections(subject)`` returning the
                              ``klean.sections.Section`` chapters the app
                              adds to a PDF report (``reports.document.
                              Subject``); each figure names its sources
``bench_data``                a callable ``build(command, organisations,
                              projects, rng)`` adding the app's rows to a
                              benchmark data set (``manage.py bench_data``);
                              idempotent, bulk inserts
``bench_targets``             a callable ``targets(organisation_slug)``
                              returning {placeholder: id} for the benchmark's
                              scenario paths (``manage.py bench_targets``)
``language_chosen``           a callable ``remember(user, language)``, called
                              when a signed-in person picks a language (a
                              code of ``settings.LANGUAGES``) in the site's
                              language switch (``accounts.views.
                              set_language``): what the app writes to them,
                              such as e-mails, comes in it from now on
============================  ================================================
"""

from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from django.apps import AppConfig, apps
from django.utils.module_loading import import_string

POINTS = (
    "demo_seeder",
    "personal_data",
    "timeline_events",
    "permission_tables",
    "home_panels",
    "project_panels",
    "checklist_hints",
    "dashboard_panels",
    "report_sections",
    "bench_data",
    "bench_targets",
    "language_chosen",
)


@dataclass(frozen=True)
class Panel:
    """A card on an organisation's home page or a project's overview: a
    template (or ``page.html#partial``) rendered with the page's context plus
    ``panel``, so it reads ``panel.data``."""

    template: str
    data: dict = field(default_factory=dict)


def contributions(point: str) -> Iterator[tuple[AppConfig, Any]]:
    """(app config, contributed object) for every installed app that declares ``point``."""
    if point not in POINTS:
        raise ValueError(f"Unknown extension point {point!r}")
    for config in apps.get_app_configs():
        path = getattr(config, point, None)
        if path:
            yield config, _load(path)


@cache
def _load(path: str) -> Any:
    return import_string(path)
