"""Ideas, the action plan and the benefits for a PDF report (``report_sections``).

Final report: the ideas per stage, the effort–impact matrix as numbered
points with a legend table, the residents' words that became ideas; the
action plan (what, who, when, status); the benefits expected and realised
(``ideas.benefits.benefits``: hours per year, FTEs, NOK) with the hours per
FTE stated, and what the freed time goes to. A status report has the same
chapters without the matrix; a portfolio gives each project its ideas and
benefits.

Ideas are numbered in the order they came in (1 is the oldest), the same
number in the text, the matrix, the action plan and the appendix, which
lists every idea a figure counts by number and title.
"""

from collections import Counter
from decimal import Decimal

from django.conf import settings
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext

from ideas.benefits import CHOSEN, benefits
from ideas.models import PIPELINE, Action, ActionStatus, Idea, Stage
from ideas.quadrants import OFF_MATRIX, QUADRANT_LABELS, Quadrant, quadrant
from klean.charts import bars, matrix
from klean.sections import FINAL, PORTFOLIO, STATUS, Figure, Section, Source, titled
from processes import formatting

TEMPLATES = "reports/pdf/sections/"
QUOTE_CHARS = 400
#: How many answers that became ideas the report quotes.
QUOTES = 6
STAGES = (*PIPELINE, Stage.PARKED, Stage.REJECTED)


def day(value) -> str:
    return date_format(value, "SHORT_DATE_FORMAT") if value else ""


def hours(value: Decimal) -> str:
    return str(formatting.hours_per_year(value))


def nok(value: Decimal) -> str:
    """«119 000 kr» (bokmål), «NOK 119,000» (English)."""
    return _("NOK %(amount)s") % {"amount": formatting.number(value, 0)}


def sections(subject) -> list[Section]:
    if subject.kind == PORTFOLIO:
        return [portfolio(subject)]
    if subject.kind not in (FINAL, STATUS):
        return []
    project = subject.project
    ideas = list(
        Idea.objects.filter(project=project)
        .select_related("feedback_answer__question")
        .order_by("created_at", "pk")
    )
    for number, idea in enumerate(ideas, start=1):
        idea.number = number
    numbers = {idea.pk: idea.number for idea in ideas}
    actions = list(
        Action.objects.filter(project=project).select_related("owner").order_by("due_date", "pk")
    )
    final = subject.kind == FINAL
    return [
        ideas_section(ideas, with_matrix=final),
        action_plan(actions, numbers),
        benefits_section(project, ideas),
    ]


def idea_line(idea) -> str:
    return _("Idea %(number)s «%(title)s» (%(stage)s)") % {
        "number": idea.number,
        "title": idea.title,
        "stage": str(idea.get_stage_display()).lower(),
    }


def ideas_source(ideas) -> Source:
    return Source(
        "ideas",
        _("The project's ideas"),
        (
            ngettext(
                "%(count)s idea, numbered in the order it came in.",
                "%(count)s ideas, numbered in the order they came in.",
                len(ideas),
            )
            % {"count": len(ideas)},
        ),
        tuple(idea_line(idea) for idea in ideas),
    )


def ideas_section(ideas, *, with_matrix: bool) -> Section:
    title = _("Ideas")
    if not ideas:
        return Section("ideas", title, 80, TEMPLATES + "ideas.html", data={"empty": True})
    counts = Counter(idea.stage for idea in ideas)
    stage_rows = [
        {"stage": str(Stage(stage).label), "count": counts.get(stage, 0)} for stage in STAGES
    ]
    figures = [
        Figure(
            "ideas-count",
            _("Ideas"),
            ngettext("%(count)s idea", "%(count)s ideas", len(ideas)) % {"count": len(ideas)},
            "ideas",
            headline=3,
            note=_("%(chosen)s selected, being implemented or done")
            % {"chosen": sum(counts.get(stage, 0) for stage in CHOSEN)},
        ),
        *(
            Figure(f"ideas-{stage}", str(Stage(stage).label), str(counts.get(stage, 0)), "ideas")
            for stage in STAGES
        ),
    ]
    chart = titled(
        bars(
            [(row["stage"], row["count"]) for row in stage_rows],
            total=len(ideas),
            label=_("Ideas per stage: ")
            + "; ".join(f"{row['stage']}: {row['count']}" for row in stage_rows),
        )
    )
    sources = [ideas_source(ideas)]
    data = {
        "empty": False,
        "stages": stage_rows,
        "chart": chart,
        "total": len(ideas),
        "with_matrix": with_matrix,
    }
    if with_matrix:
        placed = [
            idea for idea in ideas if idea.effort and idea.effect and idea.stage not in OFF_MATRIX
        ]
        legend = [
            {
                "number": idea.number,
                "title": idea.title,
                "stage": str(idea.get_stage_display()),
                "effort": idea.effort,
                "effect": idea.effect,
                "quadrant": str(QUADRANT_LABELS[quadrant(idea.effort, idea.effect)]),
            }
            for idea in placed
        ]
        corners = {
            Quadrant.NOW: "tl",
            Quadrant.PROJECT: "tr",
            Quadrant.CONVENIENT: "bl",
            Quadrant.DROP: "br",
        }
        data["matrix"] = (
            titled(
                matrix(
                    [(idea.number, idea.effort, idea.effect) for idea in placed],
                    quadrants={
                        kind: (str(QUADRANT_LABELS[kind]), corner)
                        for kind, corner in corners.items()
                    },
                    quadrant=quadrant,
                    effort_label=_("Effort (1 low – 5 high)"),
                    effect_label=_("Effect (1 low – 5 high)"),
                    label=_("Effort–impact matrix with %(count)s ideas: ") % {"count": len(placed)}
                    + "; ".join(f"{row['number']}: {row['quadrant']}" for row in legend),
                )
            )
            if placed
            else ""
        )
        data["legend"] = legend
        quadrant_counts = Counter(row["quadrant"] for row in legend)
        for kind in corners:
            figures.append(
                Figure(
                    f"matrix-{kind}",
                    str(QUADRANT_LABELS[kind]),
                    str(quadrant_counts.get(str(QUADRANT_LABELS[kind]), 0)),
                    "matrix",
                    method=_("Effect 3 or more counts as high, effort 3 or less as low."),
                )
            )
        sources.append(
            Source(
                "matrix",
                _("Effort and effect scores"),
                (
                    _(
                        "The ideas with both scores (1–5), not parked, rejected or done: each "
                        "is listed with its scores in the table «The ideas on the matrix»."
                    ),
                ),
            )
        )
        from_users = [
            {
                "number": idea.number,
                "title": idea.title,
                "text": quote(idea.feedback_answer.text),
                "question": idea.feedback_answer.question.text,
            }
            for idea in ideas
            if idea.feedback_answer_id
            and idea.feedback_answer.text
            and idea.feedback_answer.text_deleted_on is None
        ]
        # The newest few: the appendix lists every idea.
        data["from_users"] = from_users[::-1][:QUOTES]
        data["more_from_users"] = max(0, len(from_users) - QUOTES)
    return Section(
        "ideas",
        title,
        80,
        TEMPLATES + "ideas.html",
        data=data,
        sources=tuple(sources),
        figures=tuple(figures),
    )


def quote(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= QUOTE_CHARS else text[: QUOTE_CHARS - 1].rstrip() + "…"


def action_plan(actions, numbers: dict[int, int]) -> Section:
    title = _("Action plan")
    today = timezone.localdate()
    rows = [
        {
            "what": action.what,
            "owner": action.owner.display_name if action.owner else "",
            "due": day(action.due_date),
            "status": str(action.get_status_display()),
            "overdue": action.is_overdue(today),
            "idea": numbers.get(action.idea_id),
        }
        for action in actions
    ]
    if not rows:
        return Section("actions", title, 90, TEMPLATES + "actions.html", data={"actions": []})
    done = sum(1 for action in actions if not action.is_open and action.status == ActionStatus.DONE)
    overdue = sum(1 for row in rows if row["overdue"])
    source = Source(
        "actions",
        _("The project's action plan"),
        (
            ngettext("%(count)s action", "%(count)s actions", len(rows)) % {"count": len(rows)}
            + _(", as of %(day)s.") % {"day": day(today)},
            _("Each action is listed with its owner, due date and status in the action plan."),
        ),
    )
    return Section(
        "actions",
        title,
        90,
        TEMPLATES + "actions.html",
        data={"actions": rows, "done": done, "overdue": overdue},
        sources=(source,),
        figures=(
            Figure("actions-count", pgettext("plan", "Actions"), str(len(rows)), "actions"),
            Figure("actions-done", _("Actions done"), str(done), "actions"),
            Figure(
                "actions-overdue",
                _("Actions past their due date"),
                str(overdue),
                "actions",
                method=_("Planned or in progress, with a due date before the report's date."),
            ),
        ),
    )


def benefits_section(project, ideas) -> Section:
    total = benefits(ideas)
    fte_hours = formatting.number(settings.KLEAN_FTE_HOURS, 0)
    expected = [idea for idea in ideas if idea.stage in CHOSEN]
    realised = [idea for idea in expected if idea.stage == Stage.DONE]

    def line(idea, hours_field, nok_field) -> str:
        return _("Idea %(number)s «%(title)s»: %(hours)s, %(nok)s") % {
            "number": idea.number,
            "title": idea.title,
            "hours": hours(getattr(idea, hours_field) or 0),
            "nok": nok(getattr(idea, nok_field) or 0),
        }

    sources = (
        Source(
            "benefits-expected",
            _("Expected benefit of the ideas selected, being implemented or done"),
            (
                _(
                    "Hours freed per year and NOK per year as estimated on each idea; "
                    "1 FTE = %(hours)s hours a year."
                )
                % {"hours": fte_hours},
            ),
            tuple(line(idea, "expected_hours", "expected_nok") for idea in expected),
        ),
        Source(
            "benefits-realised",
            _("Realised benefit of the ideas that are done"),
            (
                _(
                    "Hours freed per year and NOK per year as measured on each idea; "
                    "1 FTE = %(hours)s hours a year."
                )
                % {"hours": fte_hours},
            ),
            tuple(line(idea, "realised_hours", "realised_nok") for idea in realised),
        ),
    )
    ftes_method = _("Hours per year / %(hours)s hours per FTE.") % {"hours": fte_hours}
    figures = (
        Figure(
            "expected-hours",
            _("Expected hours freed per year"),
            hours(total.expected.hours),
            "benefits-expected",
            method=_("The expected hours of the ideas counted, added up."),
            headline=2,
            note=_("%(ftes)s, %(nok)s")
            % {"ftes": formatting.ftes(total.expected.ftes), "nok": nok(total.expected.nok)},
        ),
        Figure(
            "expected-ftes",
            _("Expected FTEs"),
            str(formatting.ftes(total.expected.ftes)),
            "benefits-expected",
            method=ftes_method,
        ),
        Figure(
            "expected-nok",
            _("Expected NOK per year"),
            nok(total.expected.nok),
            "benefits-expected",
            method=_("The expected NOK of the ideas counted, added up."),
        ),
        Figure(
            "realised-hours",
            _("Realised hours freed per year"),
            hours(total.realised.hours),
            "benefits-realised",
            method=_("The realised hours of the ideas that are done, added up."),
            headline=2,
            note=_("%(ftes)s, %(nok)s")
            % {"ftes": formatting.ftes(total.realised.ftes), "nok": nok(total.realised.nok)},
        ),
        Figure(
            "realised-ftes",
            _("Realised FTEs"),
            str(formatting.ftes(total.realised.ftes)),
            "benefits-realised",
            method=ftes_method,
        ),
        Figure(
            "realised-nok",
            _("Realised NOK per year"),
            nok(total.realised.nok),
            "benefits-realised",
            method=_("The realised NOK of the ideas that are done, added up."),
        ),
    )
    uses = sorted({idea.freed_time_use for idea in ideas if idea.freed_time_use})
    return Section(
        "benefits",
        _("Benefits"),
        100,
        TEMPLATES + "benefits.html",
        data={
            "expected_ideas": total.expected.ideas,
            "realised_ideas": total.realised.ideas,
            "fte_hours": fte_hours,
            "benefit_plan": project.benefit_plan,
            "uses": uses,
            "qualities": [
                {"number": idea.number, "title": idea.title, "text": idea.realised_quality}
                for idea in realised
                if idea.realised_quality
            ],
        },
        sources=sources,
        figures=figures,
    )


def portfolio(subject) -> Section:
    from projects.report import portfolio_projects

    projects = portfolio_projects(subject)
    by_project: dict[int, list] = {}
    for idea in Idea.objects.filter(project__in=projects).only(
        "project_id", "stage", "expected_hours", "expected_nok", "realised_hours", "realised_nok"
    ):
        by_project.setdefault(idea.project_id, []).append(idea)
    figures, sources = [], []
    for project in projects:
        ideas = by_project.get(project.pk, [])
        counts = Counter(idea.stage for idea in ideas)
        total = benefits(ideas)
        key = f"ideas-{project.pk}"
        sources.append(
            Source(
                key,
                _("Ideas of «%(title)s»") % {"title": project.title},
                (
                    ngettext("%(count)s idea.", "%(count)s ideas.", len(ideas))
                    % {"count": len(ideas)},
                    _("1 FTE = %(hours)s hours a year.")
                    % {"hours": formatting.number(settings.KLEAN_FTE_HOURS, 0)},
                ),
            )
        )
        figures += [
            Figure(
                f"project-{project.pk}-ideas",
                _("Ideas per stage"),
                ", ".join(
                    f"{Stage(stage).label} {counts[stage]}" for stage in STAGES if counts[stage]
                )
                or _("no ideas"),
                key,
                project=project.pk,
            ),
            Figure(
                f"project-{project.pk}-expected",
                _("Expected benefit"),
                f"{hours(total.expected.hours)} · {formatting.ftes(total.expected.ftes)} · "
                f"{nok(total.expected.nok)}",
                key,
                project=project.pk,
            ),
            Figure(
                f"project-{project.pk}-realised",
                _("Realised benefit"),
                f"{hours(total.realised.hours)} · {formatting.ftes(total.realised.ftes)} · "
                f"{nok(total.realised.nok)}",
                key,
                project=project.pk,
            ),
        ]
    # The organisation's totals over the projects in the period: the summary's cards.
    every = [idea for ideas in by_project.values() for idea in ideas]
    total = benefits(every)
    sources.append(
        Source(
            "ideas-portfolio",
            _("Ideas of the projects in the report"),
            (
                ngettext(
                    "%(count)s idea in %(projects)s projects.",
                    "%(count)s ideas in %(projects)s projects.",
                    len(every),
                )
                % {"count": len(every), "projects": len(projects)},
                _("The sums of each project's benefits, as in the projects' own entries."),
            ),
        )
    )
    figures += [
        Figure(
            "portfolio-expected-hours",
            _("Expected hours freed per year"),
            hours(total.expected.hours),
            "ideas-portfolio",
            method=_("The expected hours of the ideas counted in every project, added up."),
            headline=2,
            note=_("%(ftes)s, %(nok)s")
            % {"ftes": formatting.ftes(total.expected.ftes), "nok": nok(total.expected.nok)},
        ),
        Figure(
            "portfolio-realised-hours",
            _("Realised hours freed per year"),
            hours(total.realised.hours),
            "ideas-portfolio",
            method=_("The realised hours of the ideas that are done in every project, added up."),
            headline=2,
            note=_("%(ftes)s, %(nok)s")
            % {"ftes": formatting.ftes(total.realised.ftes), "nok": nok(total.realised.nok)},
        ),
    ]
    return Section("ideas", _("Ideas"), 80, sources=tuple(sources), figures=tuple(figures))
