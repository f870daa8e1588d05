"""Feedback's panel on the dashboards (klean.extensions ``dashboard_panels``):
satisfaction over time, the average of the 1–5 satisfaction questions per month.

What measures satisfaction: the answers to the forms' *satisfaction* questions
(«Satisfaction 1–5», ``QuestionKind.SATISFACTION``), 1 very dissatisfied to 5
very satisfied. A month's average is over every such answer of the month, in
the forms of the projects in view.

Small groups (QUALITY.md G2): the answers are grouped by question and month,
and a group of fewer than ``MIN_GROUP`` answers is left out of every figure.
The period is widened to whole months, and filters add or remove whole
projects, so any two dashboards differ by whole groups of at least
``MIN_GROUP`` answers: nobody can work out a few residents' scores by
comparing them. One answer per question and response, so a group's answers
are that many residents.

Speed: the groups of each project (question, month, sum, count) are kept in
the cache under the project's *answers version*, a random token that
``answers_changed`` throws away when the project's answers change (a
resident's response is stored, a form is deleted). Answers are otherwise
never changed: a question with answers can neither be deleted nor change
kind. The dashboard reads every project's groups in two cache round trips
and counts the projects it finds nothing cached for in one grouped query.
Values only, never rendered HTML.
"""

import secrets
from collections import defaultdict
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.core.cache import cache
from django.db.models import Count, Sum
from django.db.models.functions import TruncMonth
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from feedback.models import MIN_GROUP, Answer, QuestionKind
from klean.charts import average_line, titled
from klean.extensions import Panel
from klean.formats import format_number

#: A backstop: even groups nobody invalidated are counted again after a day.
CACHE_SECONDS = 24 * 60 * 60
#: The months a dashboard shows at most (the latest ones; QUALITY.md P4).
MAX_MONTHS = 36
LOW, HIGH = 1, 5


def _version_key(project_id: int) -> str:
    return f"feedback:dashboard:{project_id}:version"


def _groups_key(project_id: int, version: str) -> str:
    return f"feedback:dashboard:{project_id}:{version}:groups"


def answers_changed(project_id: int) -> None:
    """Forget the cached satisfaction groups of a project: call it after its
    answers change (``transaction.on_commit``), so the next dashboard counts them again."""
    cache.delete(_version_key(project_id))


def satisfaction_groups(project_ids: list[int]) -> dict[int, list[tuple[int, date, int, int]]]:
    """Project id → (question id, first day of the month, sum of scores, answers)
    for every satisfaction question of its forms; from the cache, the rest in
    one grouped query."""
    if not project_ids:
        return {}
    versions = cache.get_many([_version_key(pk) for pk in project_ids])
    fresh = {}
    version_of = {}
    for pk in project_ids:
        version = versions.get(_version_key(pk))
        if version is None:
            version = secrets.token_hex(8)
            fresh[_version_key(pk)] = version
        version_of[pk] = version
    if fresh:
        cache.set_many(fresh, CACHE_SECONDS)
    keys = {pk: _groups_key(pk, version) for pk, version in version_of.items()}
    cached = cache.get_many(list(keys.values()))
    groups = {pk: cached[key] for pk, key in keys.items() if key in cached}
    missing = [pk for pk in project_ids if pk not in groups]
    if missing:
        counted = {pk: [] for pk in missing}
        rows = (
            Answer.objects.filter(
                question__kind=QuestionKind.SATISFACTION,
                question__form__project_id__in=missing,
                number__isnull=False,
            )
            .annotate(month=TruncMonth("response__submitted_on"))
            .values_list("question__form__project_id", "question_id", "month")
            .annotate(total=Sum("number"), answers=Count("pk"))
            .order_by()
        )
        for project_id, question_id, month, total, answers in rows:
            counted[project_id].append((question_id, _first_day(month), total, answers))
        cache.set_many({keys[pk]: counted[pk] for pk in missing}, CACHE_SECONDS)
        groups.update(counted)
    return groups


def _first_day(month) -> date:
    """TruncMonth gives a date, or a date-time on some databases."""
    return date(month.year, month.month, 1)


def _month_range(first: date, last: date) -> list[date]:
    months = []
    month = first
    while month <= last:
        months.append(month)
        month = date(month.year + month.month // 12, month.month % 12 + 1, 1)
    return months


def _average(total: int, answers: int) -> Decimal:
    return (Decimal(total) / answers).quantize(Decimal("0.1"), ROUND_HALF_UP)


def one_decimal(value: Decimal) -> str:
    """An average as the reader writes it, always with its one decimal: 3,0."""
    return number_format(value, decimal_pos=1)


def satisfaction(scope) -> dict:
    """The months of the period (whole months) with their average and the
    answers behind it; small groups left out."""
    start = scope.period.start and date(scope.period.start.year, scope.period.start.month, 1)
    end = scope.period.end and date(scope.period.end.year, scope.period.end.month, 1)
    per_month: dict[date, list[int]] = defaultdict(lambda: [0, 0])
    seen: set[date] = set()
    left_out = False
    for project_groups in satisfaction_groups(scope.ids).values():
        for _question, month, total, answers in project_groups:
            if (start and month < start) or (end and month > end):
                continue
            seen.add(month)
            if answers < MIN_GROUP:
                left_out = True
                continue
            per_month[month][0] += total
            per_month[month][1] += answers
    if not seen:
        return {"months": [], "left_out": left_out, "answers": 0, "average": None, "cut": False}
    every_month = _month_range(min(seen), max(seen))
    months = every_month[-MAX_MONTHS:]
    rows = [
        {
            "month": month,
            "name": date_format(month, "YEAR_MONTH_FORMAT"),
            "answers": per_month[month][1] if month in per_month else 0,
            "average": _average(*per_month[month]) if month in per_month else None,
        }
        for month in months
    ]
    total = sum(per_month[month][0] for month in months if month in per_month)
    answers = sum(per_month[month][1] for month in months if month in per_month)
    return {
        "months": rows,
        "left_out": left_out,
        "answers": answers,
        "average": _average(total, answers) if answers else None,
        "cut": len(months) < len(every_month),
    }


def panels(scope) -> list[Panel]:
    figures = satisfaction(scope)
    chart = None
    if figures["average"] is not None:
        shown = [row for row in figures["months"] if row["average"] is not None]
        label = _("Satisfaction per month, average on a scale of 1 to 5: ") + "; ".join(
            f"{row['name']}: {one_decimal(row['average'])}" for row in shown
        )
        chart = titled(
            average_line(
                [(row["name"], row["average"]) for row in figures["months"]],
                low=LOW,
                high=HIGH,
                label=label,
            ),
            _("Satisfaction over time"),
        )
    key = []
    if figures["average"] is not None:
        key.append(
            {
                "label": _("User satisfaction"),
                "value": one_decimal(figures["average"]),
                "unit": _("of 5"),
                "note": ngettext("%(count)s answer", "%(count)s answers", figures["answers"])
                % {"count": format_number(figures["answers"])},
            }
        )
    return [
        Panel(
            "feedback/dashboard.html#satisfaction",
            {**figures, "chart": chart, "min_group": MIN_GROUP, "figures": key},
        )
    ]
