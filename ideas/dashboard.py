"""Ideas' panels on the dashboards (klean.extensions ``dashboard_panels``).

- The idea funnel: the ideas per stage, and beside it the parked and rejected;
- expected vs realised benefit: hours per year, FTEs and NOK, the same sums
  as the project's benefits page (``ideas.benefits``), added up in the
  database over every project in view — one ``GROUP BY stage`` query gives
  both the funnel and the benefits;
- overdue actions: open actions past their due date, how many and the ten
  most overdue with a link to their action plan — one query (the count is
  a window over the same rows).

With a period, the ideas proposed in it and the actions due in it count.
``scope`` is a ``reports.dashboards.Scope`` (this app does not import it).
"""

from django.db.models import Count, Window
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ideas.benefits import benefits_of_totals, stage_totals
from ideas.models import Action, ActionStatus, Idea, Stage
from ideas.stages import PIPELINE
from klean.charts import amount_bars, percent_text, titled
from klean.extensions import Panel
from klean.formats import format_number

OPEN = (ActionStatus.PLANNED, ActionStatus.IN_PROGRESS)
#: The overdue actions a dashboard lists, most overdue first.
OVERDUE_SHOWN = 10


def panels(scope) -> list[Panel]:
    ideas = Idea.objects.filter(scope.period.q("created_at__date"), project_id__in=scope.ids)
    totals = stage_totals(ideas)
    return [funnel_panel(scope, totals), benefits_panel(scope, totals), overdue_panel(scope)]


def funnel_panel(scope, totals) -> Panel:
    count = {stage: totals[stage].ideas if stage in totals else 0 for stage in Stage.values}
    total = sum(count.values())
    rows = [
        {"stage": stage, "label": Stage(stage).label, "count": count[stage]} for stage in PIPELINE
    ]
    beside = [
        {"stage": stage, "label": Stage(stage).label, "count": count[stage]}
        for stage in (Stage.PARKED, Stage.REJECTED)
    ]
    chart = None
    if total:
        chart = titled(
            amount_bars(
                [
                    (
                        str(row["label"]),
                        row["count"],
                        f"{row['count']} ({percent_text(row['count'], total)})",
                    )
                    for row in rows
                ],
                label=_("Ideas per stage: ")
                + "; ".join(f"{row['label']}: {row['count']}" for row in rows + beside),
            ),
            _("The idea funnel"),
        )
    board = None
    if scope.project is not None:
        board = reverse("ideas:board", args=[scope.organisation.slug, scope.project.pk])
    return Panel(
        "ideas/dashboard.html#funnel",
        {
            "rows": rows,
            "beside": beside,
            "total": total,
            "chart": chart,
            "board_url": board,
            "figures": [
                {
                    "label": _("Ideas"),
                    "value": format_number(total),
                    "note": ngettext("%(count)s done", "%(count)s done", count[Stage.DONE])
                    % {"count": count[Stage.DONE]},
                }
            ],
        },
    )


def benefits_panel(scope, totals) -> Panel:
    benefits = benefits_of_totals(totals)
    expected, realised = benefits.expected, benefits.realised
    hours_chart = nok_chart = None
    if expected.hours or realised.hours:
        hours_chart = titled(
            amount_bars(
                [
                    (_("Expected"), expected.hours, format_number(expected.hours)),
                    (_("Realised"), realised.hours, format_number(realised.hours)),
                ],
                label=_("Hours freed per year: expected %(expected)s, realised %(realised)s")
                % {
                    "expected": format_number(expected.hours),
                    "realised": format_number(realised.hours),
                },
            ),
            _("Hours freed per year"),
        )
    if expected.nok or realised.nok:
        nok_chart = titled(
            amount_bars(
                [
                    (_("Expected"), expected.nok, format_number(expected.nok)),
                    (_("Realised"), realised.nok, format_number(realised.nok)),
                ],
                label=_("NOK per year: expected %(expected)s, realised %(realised)s")
                % {
                    "expected": format_number(expected.nok),
                    "realised": format_number(realised.nok),
                },
            ),
            _("NOK per year"),
        )
    page = None
    if scope.project is not None:
        page = reverse("ideas:benefits", args=[scope.organisation.slug, scope.project.pk])
    return Panel(
        "ideas/dashboard.html#benefits",
        {
            "benefits": benefits,
            "hours_chart": hours_chart,
            "nok_chart": nok_chart,
            "benefits_url": page,
            "figures": [
                {
                    "label": _("Expected benefit"),
                    "value": format_number(expected.hours),
                    "unit": _("hours per year"),
                    "note": _("%(ftes)s FTEs") % {"ftes": format_number(expected.ftes)},
                },
                {
                    "label": _("Realised benefit"),
                    "value": format_number(realised.hours),
                    "unit": _("hours per year"),
                    "note": _("%(ftes)s FTEs") % {"ftes": format_number(realised.ftes)},
                },
            ],
        },
    )


def overdue_actions(scope) -> tuple[int, list[Action]]:
    """How many open actions are past their due date, and the most overdue (one query)."""
    actions = list(
        Action.objects.filter(
            scope.period.q("due_date"),
            project_id__in=scope.ids,
            status__in=OPEN,
            due_date__lt=scope.today,
        )
        .select_related("owner")
        .annotate(overdue_count=Window(Count("pk")))
        .order_by("due_date", "pk")[:OVERDUE_SHOWN]
    )
    return (actions[0].overdue_count if actions else 0), actions


def overdue_panel(scope) -> Panel:
    count, actions = overdue_actions(scope)
    titles = scope.titles
    slug = scope.organisation.slug
    rows = [
        {
            "action": action,
            "project": titles.get(action.project_id, ""),
            "url": reverse("ideas:action_plan", args=[slug, action.project_id])
            + f"#action-{action.pk}",
            "days": (scope.today - action.due_date).days,
        }
        for action in actions
    ]
    return Panel(
        "ideas/dashboard.html#overdue",
        {
            "count": count,
            "rows": rows,
            "many_projects": scope.project is None,
            "figures": [{"label": _("Overdue actions"), "value": format_number(count)}],
        },
    )
