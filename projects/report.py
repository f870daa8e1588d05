"""The project's chapters of a PDF report (``report_sections``, klean.extensions).

Final report: background and mandate; goals as baseline → target → result;
team and partners; method and timeline (the phases); lessons learned and
further work. A status report keeps where the project stands: its phase and
its goals. A portfolio lists the organisation's projects of the period, and
gives each its phase, status and goals for its table.

The goals' figures name their indicator and measurements as their source,
the phases the project's phase log. Lessons learned and further work are the
project's own fields of those names («Erfaringer», «Videre arbeid og
spredning»).
"""

from django.db.models import Prefetch
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from klean.charts import sparkline
from klean.formats import format_number
from klean.sections import FINAL, PORTFOLIO, STATUS, Figure, Section, Source, titled
from projects.method import Phase
from projects.models import (
    Goal,
    Measurement,
    Partnership,
    PhaseChange,
    Project,
    ProjectRole,
    TeamMember,
)

TEMPLATES = "reports/pdf/sections/"


def day(value) -> str:
    return date_format(value, "SHORT_DATE_FORMAT") if value else ""


def sections(subject) -> list[Section]:
    if subject.kind == PORTFOLIO:
        return [portfolio(subject)]
    project = subject.project
    goals = goal_rows(project)
    if subject.kind == STATUS:
        return [method(project, order=15), goals_section(project, goals)]
    if subject.kind != FINAL:
        return []
    return [
        background(project),
        goals_section(project, goals),
        team(project),
        method(project),
        lessons(project),
    ]


# --- Background and mandate -------------------------------------------------------------


def background(project: Project) -> Section:
    source = Source(
        "project",
        _("The project «%(title)s»") % {"title": project.title},
        (
            _("Background, mandate, process and benefit plan as written in the project."),
            _("Project period %(start)s – %(end)s.")
            % {"start": day(project.start_date), "end": day(project.planned_end_date)},
        ),
    )
    return Section(
        key="background",
        title=_("Background and mandate"),
        order=10,
        template=TEMPLATES + "background.html",
        data={
            "background": project.background,
            "mandate": project.mandate,
            "process": project.process_name,
            "start": project.process_start,
            "end": project.process_end,
            "kind": str(project.get_kind_display()),
            "area": str(project.get_service_area_display()),
            "period": f"{day(project.start_date)} – {day(project.planned_end_date)}",
        },
        sources=(source,),
    )


# --- Goals ------------------------------------------------------------------------------


def goal_status(goal: Goal, latest) -> str:
    """The goal's state in words (never by colour alone)."""
    if latest is None:
        return _("Not measured yet")
    progress = goal.progress_percent(latest.value)
    if goal.is_reached(latest.value):
        return _("Reached")
    if progress < 0:
        return _("Worse than the baseline")
    if progress == 0:
        return _("No change yet")
    return _("On the way: %(percent)s %% of the way") % {"percent": progress}


def goal_rows(project: Project) -> list[dict]:
    """Each goal with its measurements, written out (two queries)."""
    goals = Goal.objects.filter(project=project).prefetch_related(
        Prefetch("measurements", queryset=Measurement.objects.order_by("date", "pk"))
    )
    rows = []
    for number, goal in enumerate(goals, start=1):
        measurements = list(goal.measurements.all())
        latest = measurements[-1] if measurements else None
        unit = str(goal.get_unit_display())
        label = _(
            "%(name)s: baseline %(baseline)s, target %(target)s, latest %(latest)s %(unit)s"
        ) % {
            "name": goal.name,
            "baseline": format_number(goal.baseline),
            "target": format_number(goal.target),
            "latest": format_number(latest.value) if latest else "–",
            "unit": unit,
        }
        rows.append(
            {
                "key": f"goal-{goal.pk}",
                "number": number,
                "name": goal.name,
                "unit": unit,
                "direction": str(goal.get_direction_display()),
                "baseline": format_number(goal.baseline),
                "baseline_date": day(goal.baseline_date),
                "target": format_number(goal.target),
                "result": format_number(latest.value) if latest else "",
                "result_date": day(latest.date) if latest else "",
                "status": goal_status(goal, latest),
                "reached": bool(latest and goal.is_reached(latest.value)),
                "measured": latest is not None,
                "measurements": len(measurements),
                "first": day(measurements[0].date) if measurements else "",
                "chart": titled(
                    sparkline(
                        [(m.date, m.value) for m in measurements],
                        baseline=(goal.baseline_date, goal.baseline),
                        target=goal.target,
                        label=label,
                    )
                ),
            }
        )
    return rows


def _goal_source(row: dict) -> Source:
    details = [
        _("Baseline %(value)s %(unit)s, measured on %(day)s; target %(target)s %(unit)s.")
        % {
            "value": row["baseline"],
            "unit": row["unit"],
            "day": row["baseline_date"],
            "target": row["target"],
        }
    ]
    if row["measurements"]:
        details.append(
            ngettext(
                "%(count)s measurement from %(first)s to %(last)s; the result is the latest.",
                "%(count)s measurements from %(first)s to %(last)s; the result is the latest.",
                row["measurements"],
            )
            % {"count": row["measurements"], "first": row["first"], "last": row["result_date"]}
        )
    else:
        details.append(_("No measurement recorded yet."))
    return Source(
        row["key"],
        _("Indicator «%(name)s»") % {"name": row["name"]},
        tuple(details),
    )


def goals_section(project: Project, rows: list[dict]) -> Section:
    reached = sum(1 for row in rows if row["reached"])
    figures = [
        Figure(
            f"{row['key']}-result",
            row["name"],
            f"{row['result']} {row['unit']}" if row["measured"] else _("not measured"),
            row["key"],
            method=_("Progress = (result − baseline) / (target − baseline); reached at 100 %."),
        )
        for row in rows
    ]
    if rows:
        figures.append(
            Figure(
                "goals-reached",
                _("Goals reached"),
                _("%(reached)s of %(count)s") % {"reached": reached, "count": len(rows)},
                "goals",
                method=_("A goal is reached when its latest measurement meets the target."),
                headline=5,
            )
        )
    sources = [
        Source(
            "goals",
            _("The project's goals"),
            (
                ngettext(
                    "%(count)s indicator with baseline and target.",
                    "%(count)s indicators with baseline and target.",
                    len(rows),
                )
                % {"count": len(rows)},
            ),
            tuple(f"{row['number']}. {row['name']}" for row in rows),
        ),
        *(_goal_source(row) for row in rows),
    ]
    return Section(
        key="goals",
        title=_("Goals and results"),
        order=20,
        template=TEMPLATES + "goals.html",
        data={"goals": rows, "reached": reached},
        sources=tuple(sources),
        figures=tuple(figures),
    )


# --- Team and partners -------------------------------------------------------------------

ROLE_ORDER = list(ProjectRole.values)


def team(project: Project) -> Section:
    members = list(
        TeamMember.objects.filter(project=project).select_related("user", "organisation")
    )
    members.sort(key=lambda m: (ROLE_ORDER.index(m.role), m.user.display_name.lower()))
    partners = list(
        Partnership.objects.active().filter(project=project).select_related("organisation")
    )
    rows = [
        {
            "name": member.user.display_name,
            "role": str(member.get_role_display()),
            "organisation": member.organisation.name,
        }
        for member in members
    ]
    return Section(
        key="team",
        title=_("Organisation and participants"),
        order=30,
        template=TEMPLATES + "team.html",
        data={
            "members": rows,
            "partners": [partner.organisation.name for partner in partners],
            "owner": project.organisation.name,
        },
        sources=(
            Source(
                "team",
                _("The project's team"),
                (
                    ngettext(
                        "%(count)s person on the team", "%(count)s people on the team", len(rows)
                    )
                    % {"count": len(rows)},
                    ngettext(
                        "%(count)s partner organisation",
                        "%(count)s partner organisations",
                        len(partners),
                    )
                    % {"count": len(partners)},
                ),
            ),
        ),
        figures=(Figure("team-size", _("People on the team"), str(len(rows)), "team"),),
    )


# --- Method and timeline -----------------------------------------------------------------


def phase_rows(project: Project) -> list[dict]:
    """Every phase: its state in words, its checklist and when the project entered it."""
    entered: dict[int, object] = {}
    for change in PhaseChange.objects.filter(project=project).order_by("changed_at", "pk"):
        entered.setdefault(change.to_phase, change.changed_at)
    states = {
        "current": _("Current phase"),
        "done": _("Done"),
        "open": _("Passed, checklist not complete"),
        "later": _("Not started"),
    }
    rows = []
    for progress in project.phase_track():
        when = entered.get(progress.number)
        rows.append(
            {
                "number": progress.number,
                "name": str(progress.label),
                "state": progress.state,
                "state_text": states[progress.state],
                "ticked": progress.ticked,
                "total": progress.total,
                "entered": day(when.date()) if when else "",
            }
        )
    return rows


def method(project: Project, order: int = 40) -> Section:
    rows = phase_rows(project)
    phase = Phase(project.phase)
    return Section(
        key="method",
        title=_("Method and timeline") if order == 40 else _("Where the project stands"),
        order=order,
        template=TEMPLATES + "method.html",
        data={
            "phases": rows,
            "phase": project.phase,
            "phase_name": str(phase.label),
            "start": day(project.start_date),
            "end": day(project.planned_end_date),
            "together": project.phases_together,
        },
        sources=(
            Source(
                "phases",
                _("The project's phases and checklists"),
                (
                    _(
                        "The phase the project is in, the checklist items ticked off in each "
                        "phase, and the log of phase changes."
                    ),
                ),
            ),
        ),
        figures=(
            Figure(
                "phase",
                _("Phase"),
                f"{project.phase}. {phase.label}",
                "phases",
            ),
            Figure(
                "checklist",
                _("Checklist items ticked off"),
                _("%(ticked)s of %(total)s")
                % {
                    "ticked": sum(row["ticked"] for row in rows),
                    "total": sum(row["total"] for row in rows),
                },
                "phases",
            ),
        ),
    )


# --- Lessons and further work --------------------------------------------------------------


def lessons(project: Project) -> Section:
    return Section(
        key="lessons",
        title=_("Lessons learned and further work"),
        order=110,
        template=TEMPLATES + "lessons.html",
        data={
            "lessons": project.lessons_learned,
            "next_steps": project.next_steps,
            "benefit_plan": project.benefit_plan,
        },
        sources=(
            Source(
                "project",
                _("The project «%(title)s»") % {"title": project.title},
                (_("Lessons learned and further work as written in the project."),),
            ),
        ),
    )


# --- Portfolio ----------------------------------------------------------------------------


def portfolio_projects(subject):
    projects = Project.objects.filter(organisation=subject.organisation)
    if subject.period:
        first, last = subject.period
        projects = projects.filter(start_date__lte=last, planned_end_date__gte=first)
    return list(projects.order_by("start_date", "title", "pk"))


def portfolio(subject) -> Section:
    projects = portfolio_projects(subject)
    goals: dict[int, list[Goal]] = {}
    latest = {}
    for goal in Goal.objects.filter(project__in=projects).prefetch_related(
        Prefetch("measurements", queryset=Measurement.objects.order_by("date", "pk"))
    ):
        goals.setdefault(goal.project_id, []).append(goal)
        measurements = list(goal.measurements.all())
        latest[goal.pk] = measurements[-1] if measurements else None
    rows, figures, sources = [], [], []
    for project in projects:
        key = f"project-{project.pk}"
        rows.append(
            {
                "pk": project.pk,
                "title": project.title,
                "area": str(project.get_service_area_display()),
                "kind": str(project.get_kind_display()),
                "phase": f"{project.phase}. {Phase(project.phase).label}",
                "status": str(project.get_status_display()),
                "period": f"{day(project.start_date)} – {day(project.planned_end_date)}",
            }
        )
        sources.append(
            Source(
                key,
                _("The project «%(title)s»") % {"title": project.title},
                (
                    _("Phase, status, period and goals as recorded in the project."),
                    ngettext("%(count)s goal", "%(count)s goals", len(goals.get(project.pk, [])))
                    % {"count": len(goals.get(project.pk, []))},
                ),
            )
        )
        figures += [
            Figure(f"{key}-phase", _("Phase"), rows[-1]["phase"], key, project=project.pk),
            Figure(f"{key}-status", _("Status"), rows[-1]["status"], key, project=project.pk),
            Figure(f"{key}-period", _("Period"), rows[-1]["period"], key, project=project.pk),
        ]
        for goal in goals.get(project.pk, []):
            result = latest[goal.pk]
            unit = str(goal.get_unit_display())
            figures.append(
                Figure(
                    f"{key}-goal-{goal.pk}",
                    _("Goal: %(name)s") % {"name": goal.name},
                    _("%(baseline)s → %(target)s %(unit)s; result %(result)s (%(status)s)")
                    % {
                        "baseline": format_number(goal.baseline),
                        "target": format_number(goal.target),
                        "unit": unit,
                        "result": format_number(result.value) if result else "–",
                        "status": goal_status(goal, result).lower(),
                    },
                    key,
                    project=project.pk,
                )
            )
    return Section(
        key="projects",
        title=_("The projects"),
        order=10,
        template=TEMPLATES + "portfolio.html",
        data={"projects": rows},
        sources=tuple(sources),
        figures=tuple(figures),
    )
