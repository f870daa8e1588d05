"""Projects' panels on the dashboards (klean.extensions ``dashboard_panels``).

- Projects by phase (an organisation's dashboard): counted from the scope's
  projects, which the dashboard has read already: no query.
- Goals' progress: each goal's baseline → target → latest measurement in the
  period, as text and as a bar; one query for every goal of the projects in
  view (the latest measurement is a subquery). An organisation's dashboard
  lists the goals furthest from their target; a project's, all its goals.

``scope`` is a ``reports.dashboards.Scope`` (this app does not import it).
"""

from collections import Counter
from decimal import Decimal

from django.db.models import OuterRef, Subquery
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from klean.charts import amount_bars, percent_text, progress_bar, titled
from klean.extensions import Panel
from klean.formats import format_number
from projects.method import Phase
from projects.models import Goal, Measurement, ProjectStatus

#: Goals listed on an organisation's dashboard (those furthest from their target).
GOALS_BEHIND = 6
#: Goals listed on a project's dashboard (QUALITY.md P4).
GOALS_SHOWN = 50


def panels(scope) -> list[Panel]:
    result = []
    if scope.project is None:
        result.append(phases_panel(scope))
    result.append(goals_panel(scope))
    return result


def phases_panel(scope) -> Panel:
    per_phase = Counter(project.phase for project in scope.projects)
    total = len(scope.projects)
    active = sum(1 for project in scope.projects if project.status == ProjectStatus.ACTIVE)
    rows = [
        {"number": phase.value, "label": phase.label, "count": per_phase.get(phase.value, 0)}
        for phase in Phase
    ]
    label = _("Projects by phase: ") + "; ".join(
        f"{row['label']}: {row['count']}" for row in rows if row["count"]
    )
    return Panel(
        "projects/dashboard.html#phases",
        {
            "rows": rows,
            "total": total,
            "chart": titled(
                amount_bars(
                    [
                        (
                            f"{row['number']}. {row['label']}",
                            row["count"],
                            f"{row['count']} ({percent_text(row['count'], total)})",
                        )
                        for row in rows
                    ],
                    label=label,
                ),
                _("Projects by phase"),
            )
            if total
            else None,
            "figures": [
                {
                    "label": _("Projects"),
                    "value": format_number(total),
                    "note": ngettext("%(count)s active", "%(count)s active", active)
                    % {"count": active},
                }
            ],
        },
    )


def _progress_text(goal, progress: Decimal | None) -> str:
    values = {
        "name": goal.name,
        "baseline": format_number(goal.baseline),
        "target": format_number(goal.target),
        "unit": goal.get_unit_display(),
    }
    if progress is None:
        return _(
            "%(name)s: baseline %(baseline)s, target %(target)s %(unit)s, not measured yet"
        ) % (values)
    return _("%(name)s: from %(baseline)s to %(latest)s %(unit)s, target %(target)s %(unit)s") % {
        **values,
        "latest": format_number(goal.latest),
    }


def goal_rows(scope) -> list[dict]:
    """Every goal of the projects in view with its latest measurement in the
    period and its progress (one query); ``shown`` adds what a listed goal shows."""
    latest = Measurement.objects.filter(scope.period.q("date"), goal=OuterRef("pk")).order_by(
        "-date", "-pk"
    )
    goals = (
        Goal.objects.filter(project_id__in=scope.ids)
        .annotate(
            latest=Subquery(latest.values("value")[:1]),
            latest_date=Subquery(latest.values("date")[:1]),
        )
        .order_by("project_id", "pk")
    )
    titles = scope.titles
    rows = []
    for goal in goals:
        progress = goal.progress(goal.latest) if goal.latest is not None else None
        rows.append(
            {
                "goal": goal,
                "project": titles.get(goal.project_id, ""),
                "progress": progress,
                "percent": round(progress * 100) if progress is not None else None,
                "reached": progress is not None and progress >= 1,
            }
        )
    return rows


def shown(scope, row: dict) -> dict:
    """A listed goal's address, its progress in words and its bar."""
    goal = row["goal"]
    text = _progress_text(goal, row["progress"])
    return {
        **row,
        "url": reverse("projects:goal", args=[scope.organisation.slug, goal.project_id, goal.pk]),
        "text": text,
        "bar": titled(progress_bar(row["progress"], label=text), text),
    }


def goals_panel(scope) -> Panel:
    rows = goal_rows(scope)
    measured = [row for row in rows if row["progress"] is not None]
    reached = sum(1 for row in measured if row["reached"])
    counts = {
        "total": len(rows),
        "reached": reached,
        "underway": sum(1 for row in measured if 0 < row["progress"] < 1),
        "not_better": sum(1 for row in measured if row["progress"] <= 0),
        "not_measured": len(rows) - len(measured),
    }
    if scope.project is None:
        behind = sorted(measured, key=lambda row: (row["progress"], row["project"]))
        listed = [row for row in behind if not row["reached"]][:GOALS_BEHIND]
    else:
        listed = rows[:GOALS_SHOWN]
    return Panel(
        "projects/dashboard.html#goals",
        {
            "rows": [shown(scope, row) for row in listed],
            "counts": counts,
            "behind": scope.project is None,
            "figures": [
                {
                    "label": _("Goals reached"),
                    "value": format_number(reached),
                    "note": _("of %(total)s goals") % {"total": format_number(len(rows))},
                }
            ],
        },
    )
