"""Who may read, ask for and download reports: the rules of ``projects.access``
and ``accounts.access``, named for what reports do.

* A project's reports are read and downloaded by everyone who sees the
  project (``receive_reports``): the steering group, union and safety
  representatives and partners on the team included — the report is what
  reaches them.
* A project's final or status report is asked for by those who run the
  project (``manage_project``): its process owner and process facilitator,
  and the organisation's administrators.
* An organisation's portfolio report — every project of a period — is asked
  for, read and downloaded by its process facilitators, leaders and
  administrators (the organisation permission ``create_project``: those who
  start and lead projects).

Dashboards: a project's is seen by everyone who may see the project
(``view_project``); an organisation's by administrators, leaders and process
facilitators (``view_dashboard``), and it counts the organisation's own
projects the viewer sees in the project list: administrators and leaders all
of them, a facilitator those on whose team they are. Other organisations'
projects the organisation takes part in belong to their owner's dashboard.

A report is fetched through its project (or, for a portfolio, its
organisation) in one query, on every call: a download replayed after logout
or by someone outside gets the login page or 404 (QUALITY.md S9).
"""

from functools import wraps

from django.shortcuts import get_object_or_404
from django.utils import translation

from accounts.access import ORGANISATION_PERMISSIONS, ROLE_RANK, organisation_view, role_at_least
from accounts.models import Role
from projects.access import PROJECT_PERMISSIONS, below_project_view, sees_every_project
from projects.models import Project, ProjectRole, TeamMember
from reports.models import Report

READ = "receive_reports"
REQUEST = "manage_project"
PORTFOLIO = "create_project"


def may_request(request) -> bool:
    """Whether the person may ask for the current project's reports."""
    return REQUEST in request.project_permissions


def report_view(permission: str = READ):
    """``/o/<org_slug>/reports/<report_id>/…``: a project's report, fetched
    through its project; the view receives the report."""
    return below_project_view(
        permission,
        Report.objects.select_related("requested_by"),
        project="project",
        url_argument="report_id",
    )


def portfolio_view(view):
    """``/o/<org_slug>/reports/portfolio/<portfolio_id>/…``: an organisation's
    portfolio report, for ``PORTFOLIO``; the view receives the report."""

    @wraps(view)
    def with_report(request, portfolio_id, *args, **kwargs):
        report = get_object_or_404(
            Report.objects.select_related("requested_by"),
            pk=portfolio_id,
            organisation=request.organisation,
            project__isnull=True,
        )
        report.organisation = request.organisation
        return view(request, report, *args, **kwargs)

    return organisation_view(PORTFOLIO)(with_report)


# --- README's table (manage.py permission_table) ------------------------------------------


def _project_roles(permission: str) -> str:
    rule = PROJECT_PERMISSIONS[permission]
    if set(rule.team_roles) == set(ProjectRole.values):
        team = "everyone on the team"
    else:
        team = ", ".join(str(role.label) for role in ProjectRole if role in rule.team_roles)
        team += " (team)"
    owning = [
        str(Role(role).label)
        for role in (Role.ADMIN, Role.LEADER)
        if role in rule.organisation_roles
    ]
    return f"{team}; {', '.join(owning)} (organisation)" if owning else team


def _organisation_roles(permission: str) -> str:
    minimum = ORGANISATION_PERMISSIONS[permission].minimum_role
    roles = sorted(ROLE_RANK, key=ROLE_RANK.get, reverse=True)
    names = ", ".join(str(role.label) for role in roles if role_at_least(role, minimum))
    return f"{names} (organisation)"


def report_permission_table_markdown() -> str:
    with translation.override("en"):
        rows = [
            ("Read and download a project's reports", READ, _project_roles(READ)),
            ("Ask for a project's final or status report", REQUEST, _project_roles(REQUEST)),
            (
                "Ask for, read and download the organisation's portfolio report",
                PORTFOLIO,
                _organisation_roles(PORTFOLIO),
            ),
        ]
        lines = ["| what | rule | who |", "|---|---|---|"]
        lines += [f"| {what} | `{rule}` | {who} |" for what, rule, who in rows]
    return "\n".join(lines)


def permission_tables() -> list[tuple[str, str]]:
    """The tables README.md shows for this app (``manage.py permission_table``)."""
    return [("Reports", report_permission_table_markdown())]


def dashboard_projects(request):
    """The organisation's own projects the signed-in member sees (a queryset,
    no query yet); ``organisation_view`` has set ``request.membership``."""
    projects = Project.objects.filter(organisation=request.organisation)
    if sees_every_project(request.membership.role):
        return projects
    return projects.filter(pk__in=TeamMember.objects.filter(user=request.user).values("project_id"))
