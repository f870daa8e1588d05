"""Dashboards: a project's and an organisation's, put together from what the
apps below contribute.

Each app declares ``dashboard_panels`` on its ``AppConfig`` (klean.extensions):
a callable ``panels(scope)`` returning ``Panel`` cards, each a template partial
and its data. ``panels`` here calls them in the order of INSTALLED_APPS
(projects, processes, feedback, ideas: the method's order, from phases and
goals through waste and what users say to ideas and their benefits). A panel
costs a fixed, small number of queries whatever the number of projects
(grouped in the database, never a query per project), and nothing rendered is
cached: a name on a dashboard is read fresh on every request.

A panel may offer key figures for the cards at the top of the page:
``panel.data["figures"]``, a list of dicts with ``label``, ``value`` (as the
page writes it) and optionally ``unit`` and ``note``.

What is counted is the ``Scope``:

- ``organisation``: whose dashboard it is;
- ``projects``: the projects in view, read once (one query) so that every
  panel filters on their ids (``scope.ids``). On an organisation's dashboard,
  the organisation's own projects the viewer sees (administrators and
  leaders all of them, a process facilitator those on whose team they are,
  ``reports.access``), narrowed by the filters; on a project's
  dashboard, that project;
- ``period``: from and to, either open. On an organisation's dashboard a
  project counts when it ran in the period (started by its end, and planned
  to end after its start or still active or on hold). Within the projects,
  the period picks what happened in it: ideas proposed, actions due, goal
  measurements taken, feedback answers given (in whole months: see
  ``feedback.dashboard``). Phases and process maps are shown as they are now;
- ``service_area`` and ``status``: the organisation dashboard's filters
  ("" for all);
- ``project``: the project of a project's dashboard (None on an organisation's);
- ``today``: the day overdue is counted from.
"""

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Q
from django.utils import timezone

from accounts.models import Organisation
from klean.extensions import Panel, contributions
from projects.models import Project, ProjectStatus


@dataclass(frozen=True)
class Period:
    """From ``start`` to ``end``, both days included; None is open."""

    start: date | None = None
    end: date | None = None

    def __bool__(self) -> bool:
        return self.start is not None or self.end is not None

    def q(self, field_name: str) -> Q:
        """Rows whose date field ``field_name`` lies in the period (``created_at__date``
        for a date-time)."""
        condition = Q()
        if self.start is not None:
            condition &= Q(**{f"{field_name}__gte": self.start})
        if self.end is not None:
            condition &= Q(**{f"{field_name}__lte": self.end})
        return condition


@dataclass(frozen=True)
class ProjectInView:
    """What the dashboards read of a project in view, besides its id."""

    pk: int
    title: str
    phase: int
    status: str
    service_area: str


@dataclass(frozen=True)
class Scope:
    organisation: Organisation
    projects: tuple[ProjectInView, ...]
    period: Period = field(default_factory=Period)
    service_area: str = ""
    status: str = ""
    project: Project | None = None
    today: date = field(default_factory=timezone.localdate)

    @property
    def ids(self) -> list[int]:
        """The ids of the projects in view."""
        return [project.pk for project in self.projects]

    @property
    def titles(self) -> dict[int, str]:
        """Project id → title, for panels that name the project of a row."""
        return {project.pk: project.title for project in self.projects}

    @property
    def is_filtered(self) -> bool:
        return bool(self.period or self.service_area or self.status)


#: What ``ProjectInView`` reads, in its order.
FIELDS = ("pk", "title", "phase", "status", "service_area")


def running_in(period: Period) -> Q:
    """Projects that ran in the period: started by its end, and planned to end
    after its start or still going (a late project is still running)."""
    condition = Q()
    if period.end is not None:
        condition &= Q(start_date__lte=period.end)
    if period.start is not None:
        condition &= Q(planned_end_date__gte=period.start) | Q(
            status__in=(ProjectStatus.ACTIVE, ProjectStatus.ON_HOLD)
        )
    return condition


def organisation_scope(
    organisation: Organisation,
    projects,
    *,
    period: Period | None = None,
    service_area: str = "",
    status: str = "",
) -> Scope:
    """The scope of an organisation's dashboard: ``projects`` (the queryset of
    the projects the viewer may see there) narrowed by the filters, read in
    one query."""
    period = period or Period()
    projects = projects.filter(running_in(period))
    if service_area:
        projects = projects.filter(service_area=service_area)
    if status:
        projects = projects.filter(status=status)
    rows = projects.order_by("title", "pk").values_list(*FIELDS)
    return Scope(
        organisation=organisation,
        projects=tuple(ProjectInView(*row) for row in rows),
        period=period,
        service_area=service_area,
        status=status,
    )


def project_scope(project: Project, *, period: Period | None = None) -> Scope:
    """The scope of a project's dashboard (no query)."""
    return Scope(
        organisation=project.organisation,
        projects=(ProjectInView(*(getattr(project, name) for name in FIELDS)),),
        period=period or Period(),
        project=project,
    )


def panels(scope: Scope) -> list[Panel]:
    """Every app's panels for the scope, in the order of INSTALLED_APPS."""
    return [
        panel
        for _config, declared in contributions("dashboard_panels")
        for panel in declared(scope)
    ]


def key_figures(panels: list[Panel]) -> list[dict]:
    """The key figures the panels offer, in their order."""
    return [figure for panel in panels for figure in panel.data.get("figures", ())]
