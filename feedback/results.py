"""A form's results: counts, distributions and the rule for small groups.

Everything here is computed from two grouped queries, whatever the number of
answers: the responses per day, and the answers per day, question and value
(``GROUP BY`` in the database). The second, the costly one over a large form,
is kept in the cache under the form's response count and last day, so a new
answer makes a new entry and nothing is ever stale.

Small groups (QUALITY.md G2, FEEDBACK-UX.md §4): results are shown for a
group of at least ``MIN_GROUP`` answers only. A period filter could still
reveal a small group by difference — all answers, minus those of a period
that leaves out three — so a period is always a run of whole *blocks*: the
days in date order cut into consecutive blocks that each hold at least
``MIN_GROUP`` responses and, for every question, no answers or at least
``MIN_GROUP``. Any two periods then differ by whole blocks, never by fewer
than ``MIN_GROUP`` answers to anything. A period asked for is widened to the
blocks it touches, and the page says so.
"""

import hashlib
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from django.core.cache import cache
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import get_language

from feedback.models import (
    FREE_TEXT_KINDS,
    MIN_GROUP,
    Answer,
    Form,
    Question,
    QuestionKind,
    Response,
)

CACHE_SECONDS = 3600


def too_small(count: int) -> bool:
    """Whether a group of ``count`` answers must not be shown apart (1–4; none is no group)."""
    return 0 < count < MIN_GROUP


@dataclass
class Block:
    first: date
    last: date
    responses: int = 0
    answered: Counter = field(default_factory=Counter)  # question id → answers

    def safe(self) -> bool:
        return self.responses >= MIN_GROUP and not any(
            too_small(count) for count in self.answered.values()
        )

    def absorb(self, other: "Block") -> None:
        self.first, self.last = min(self.first, other.first), max(self.last, other.last)
        self.responses += other.responses
        self.answered.update(other.answered)


def blocks(per_day: dict[date, int], answered_per_day: dict[date, Counter]) -> list[Block]:
    """The days in date order, cut into the smallest consecutive blocks that are
    safe to show apart; an unsafe tail is merged back until it is safe (or all
    is one block)."""
    result: list[Block] = []
    current = None
    for day in sorted(per_day):
        block = Block(day, day, per_day[day], Counter(answered_per_day.get(day, {})))
        if current is None:
            current = block
        else:
            current.absorb(block)
        if current.safe():
            result.append(current)
            current = None
    if current is not None:
        result.append(current)
    while len(result) > 1 and not result[-1].safe():
        tail = result.pop()
        result[-1].absorb(tail)
    return result


@dataclass
class Period:
    """The period asked for (``start``/``end``, either open) and the one shown."""

    start: date | None = None
    end: date | None = None
    first: date | None = None  # the first and last day with answers in the period shown
    last: date | None = None
    widened: bool = False
    narrowed: bool = False  # shows less than the whole form

    def days(self) -> tuple[date | None, date | None]:
        return (self.first, self.last)


def choose_period(all_blocks: list[Block], start: date | None, end: date | None) -> Period:
    """The blocks that the asked period touches; widened when it cuts into one."""
    period = Period(start, end)
    chosen = [
        block
        for block in all_blocks
        if (start is None or block.last >= start) and (end is None or block.first <= end)
    ]
    if not chosen:
        return period
    period.first, period.last = chosen[0].first, chosen[-1].last
    period.widened = (start is not None and period.first < start) or (
        end is not None and period.last > end
    )
    period.narrowed = len(chosen) < len(all_blocks)
    return period


@dataclass
class Row:
    label: str
    count: int
    share: Decimal


@dataclass
class Summary:
    """One question's answers in the period shown."""

    question: Question
    answered: int
    rows: list[Row] = field(default_factory=list)
    average: Decimal | None = None
    suppressed: bool = False

    @property
    def is_free_text(self) -> bool:
        return self.question.is_free_text


def share(count: int, total: int) -> Decimal:
    if not total:
        return Decimal(0)
    return (Decimal(count * 100) / total).quantize(Decimal(1), ROUND_HALF_UP)


def _labels(question: Question) -> list[str]:
    """The categories of a question in the order they are shown (bokmål for
    choices, as written; the scale and yes/no in the reader's language)."""
    from django.utils.translation import gettext as _

    if question.kind == QuestionKind.SATISFACTION:
        return [
            _("1 – Very dissatisfied"),
            _("2 – Dissatisfied"),
            _("3 – Neither"),
            _("4 – Satisfied"),
            _("5 – Very satisfied"),
        ]
    if question.kind == QuestionKind.YES_NO:
        return [_("Yes"), _("No")]
    return question.option_labels("nb")


def summarise(question: Question, values: Counter, answered: int) -> Summary:
    """``values``: for a scale the score → count, yes/no 1/0 → count, a choice
    its index → count (for a multiple choice, how many ticked each)."""
    summary = Summary(question, answered, suppressed=too_small(answered))
    if summary.suppressed or not answered or question.is_free_text:
        return summary
    labels = _labels(question)
    if question.kind == QuestionKind.SATISFACTION:
        keys = [1, 2, 3, 4, 5]
        total = sum(score * count for score, count in values.items())
        summary.average = (Decimal(total) / answered).quantize(Decimal("0.1"), ROUND_HALF_UP)
    elif question.kind == QuestionKind.YES_NO:
        keys = [1, 0]
    else:
        keys = list(range(len(labels)))
    summary.rows = [
        Row(label, values.get(key, 0), share(values.get(key, 0), answered))
        for key, label in zip(keys, labels, strict=False)
    ]
    return summary


def _grouped(form: Form, total: int, last_day) -> list[tuple]:
    """(day, question id, number, choices, answers, of them with free text):
    the answers grouped in the database, cached under the form's size."""
    key = f"feedback:results:{form.pk}:{total}:{last_day}"
    rows = cache.get(key)
    if rows is None:
        rows = list(
            Answer.objects.filter(response__form=form)
            .values_list("response__submitted_on", "question_id", "number", "choices")
            .annotate(
                n=Count("pk"),
                texts=Count("pk", filter=~Q(text="") | Q(text_deleted_on__isnull=False)),
            )
            .order_by()
        )
        cache.set(key, rows, CACHE_SECONDS)
    return rows


@dataclass
class Results:
    form: Form
    total: int  # every response to the form
    period: Period
    count: int  # responses in the period shown
    weeks: list[tuple[date, int]]
    summaries: list[Summary]
    suppressed: bool  # the period shown is too small a group

    @property
    def free_text_questions(self) -> list[Question]:
        return [s.question for s in self.summaries if s.question.is_free_text]

    def free_text_count(self, question_id: int | None = None) -> int:
        return sum(
            s.answered
            for s in self.summaries
            if s.question.is_free_text and (question_id is None or s.question.pk == question_id)
        )


def _answered(question: Question, number, choices, n: int, texts: int) -> int:
    if question.kind in FREE_TEXT_KINDS:
        return texts
    if question.kind == QuestionKind.MULTIPLE:
        return n if choices else 0
    return n if number is not None else 0


def form_results(
    form: Form, questions: list[Question], start: date | None = None, end: date | None = None
) -> Results:
    per_day = dict(
        Response.objects.filter(form=form)
        .values_list("submitted_on")
        .annotate(n=Count("pk"))
        .order_by()
    )
    total = sum(per_day.values())
    last_day = max(per_day, default=None)
    # The figures for this period, kept under the form's size like the grouping below
    # (and the reader's language: the scale's and yes/no's labels are in it).
    # The questions' wording and options are part of the key: a reworded option
    # never shows its old label.
    wording = hashlib.sha256(
        repr([(q.pk, q.kind, q.text, q.options) for q in questions]).encode()
    ).hexdigest()[:16]
    key = f"feedback:figures:{form.pk}:{total}:{last_day}:{start}:{end}:{get_language()}:{wording}"
    figures = cache.get(key)
    if figures is None:
        figures = _figures(form, questions, per_day, total, last_day, start, end)
        cache.set(key, figures, CACHE_SECONDS)
    period, count, weeks, numbers = figures
    by_id = {question.pk: question for question in questions}
    summaries = [
        Summary(by_id[pk], answered, rows, average, suppressed)
        for pk, answered, rows, average, suppressed in numbers
        if pk in by_id
    ]
    return Results(
        form=form,
        total=total,
        period=period,
        count=count,
        weeks=weeks,
        summaries=summaries,
        suppressed=count < MIN_GROUP,
    )


def _figures(form, questions, per_day, total, last_day, start, end):
    by_id = {question.pk: question for question in questions}
    grouped = _grouped(form, total, last_day) if total else []
    answered_per_day: dict[date, Counter] = defaultdict(Counter)
    for day, question_id, number, choices, n, texts in grouped:
        question = by_id.get(question_id)
        if question is not None:
            answered_per_day[day][question_id] += _answered(question, number, choices, n, texts)
    period = choose_period(blocks(per_day, answered_per_day), start, end)
    first, last = period.days()

    def within(day) -> bool:
        return first is not None and first <= day <= last

    count = sum(n for day, n in per_day.items() if within(day))
    values: dict[int, Counter] = defaultdict(Counter)
    answered: Counter = Counter()
    for day, question_id, number, choices, n, texts in grouped:
        question = by_id.get(question_id)
        if question is None or not within(day):
            continue
        answered[question_id] += _answered(question, number, choices, n, texts)
        if question.kind == QuestionKind.MULTIPLE:
            for index in set(choices or []):
                values[question_id][index] += n
        elif number is not None:
            values[question_id][number] += n
    summaries = [summarise(q, values[q.pk], answered[q.pk]) for q in questions]
    numbers = [(s.question.pk, s.answered, s.rows, s.average, s.suppressed) for s in summaries]
    return period, count, weekly(per_day, first, last), numbers


def weekly(per_day: dict[date, int], first: date | None, last: date | None):
    """Responses per week (Monday → count), every week from the first to the last shown."""
    if first is None:
        return []
    counts: Counter = Counter()
    for day, n in per_day.items():
        if first <= day <= last:
            counts[day - timedelta(days=day.weekday())] += n
    monday = first - timedelta(days=first.weekday())
    weeks = []
    while monday <= last:
        weeks.append((monday, counts.get(monday, 0)))
        monday += timedelta(days=7)
    return weeks


def retention_cutoff(form: Form, today: date | None = None) -> date:
    """Free text of responses before this day has outlived the form's retention period."""
    return (today or timezone.localdate()) - timedelta(days=form.retention_days)


def free_text_answers(results: Results, *, question_id=None, theme=None):
    """The free-text answers of the period shown, newest first, with their
    question and themes (deleted ones too: the page says they are deleted)."""
    ids = [q.pk for q in results.free_text_questions]
    if question_id is not None:
        ids = [pk for pk in ids if pk == question_id]
    answers = (
        Answer.objects.filter(question_id__in=ids)
        .filter(~Q(text="") | Q(text_deleted_on__isnull=False))
        .order_by("-pk")
    )
    if results.period.narrowed:
        answers = answers.filter(response__submitted_on__range=results.period.days())
    if theme is not None:
        answers = answers.filter(themes=theme)
    return answers
