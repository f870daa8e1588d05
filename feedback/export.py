"""A form's answers as CSV or XLSX, streamed (QUALITY.md P7, S11, G2).

One row per response, one column per question, with the week it came in and
its language — never the day or a time of day. An export can leave the
results page's protection behind (it is sorted, filtered and kept), so it is
coarser than the page: the ISO week instead of the day, and "other" instead
of a language fewer than ``MIN_GROUP`` responses in the export were given
in (a lone English answer in a small municipality is a person). Rows come
by week and, within a week, in the order of the responses' random ids, so
their order says nothing about who answered first. An export covers the
whole form or a period of the results page, widened to whole blocks like
the page (``feedback.results``). Choices are written with their bokmål
labels, several choices joined with "; "; free text that has outlived the
form's retention period is left out.

Both formats are written while the answers are read (``.iterator()``, one
query whatever the number of rows), so the first bytes leave at once and the
memory stays flat for 100,000 responses:

* CSV: UTF-8 with a byte-order mark (Excel then reads æøå right) and ";"
  between cells (Excel's separator where the decimal sign is a comma). A
  cell that a spreadsheet would run as a formula — starting with = + - @, a
  tab, CR or LF — gets a leading apostrophe.
* XLSX: a zip written as it goes; every text cell is an inline string (never
  a formula), with the control characters XML cannot hold taken out. A second
  sheet says what the export holds.
"""

import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from django.db.models import Count, TextField
from django.db.models.functions import Cast, TruncWeek
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from feedback.models import MIN_GROUP, Answer, Form, Question, QuestionKind, Response
from feedback.results import retention_cutoff
from klean import spreadsheet

CHUNK = 2000


def week_note() -> str:
    return _("The ISO week the answer came in, not the day: a known day could show who answered.")


def language_note() -> str:
    return _(
        "bokmål (nb), nynorsk (nn) or English (en); «other» for a language fewer than "
        "%(n)s answers in the export were given in, so that no one stands out."
    )


def _cell(question: Question, labels: list[str], yes_no: tuple[str, str], answer) -> object:
    number, choices, text = answer
    kind = question.kind
    if kind == QuestionKind.SATISFACTION:
        return number
    if kind == QuestionKind.YES_NO:
        return {1: yes_no[0], 0: yes_no[1]}.get(number, "")
    if kind == QuestionKind.SINGLE:
        return labels[number] if number is not None and 0 <= number < len(labels) else ""
    if kind == QuestionKind.MULTIPLE:
        return "; ".join(labels[i] for i in sorted(set(choices or [])) if 0 <= i < len(labels))
    return text


def header(questions: list[Question]) -> list[str]:
    return [_("Week"), _("Language"), *[question.text for question in questions]]


def week_label(day: date) -> str:
    """The ISO week of ``day``, sortable as text: «2026-U44» in bokmål."""
    year, week, _weekday = day.isocalendar()
    return _("%(year)s-W%(week)02d") % {"year": year, "week": week}


@dataclass
class Scope:
    """What an export covers: the days (None: the whole form), the responses in
    it, and the languages too rare in it to be named."""

    days: tuple[date, date] | None = None
    count: int = 0
    rare_languages: frozenset = frozenset()


def scope(form: Form, days: tuple[date, date] | None = None) -> Scope:
    """The responses per language in the export, in one query."""
    responses = Response.objects.filter(form=form)
    if days is not None:
        responses = responses.filter(submitted_on__range=days)
    per_language = dict(
        responses.order_by().values_list("language").annotate(n=Count("pk")).order_by()
    )
    rare = frozenset(code for code, n in per_language.items() if n < MIN_GROUP)
    return Scope(days, sum(per_language.values()), rare)


def rows(form: Form, questions: list[Question], within: Scope | None = None) -> Iterator[list]:
    """[week, language, cell per question] for every response that has answers,
    read in one query."""
    within = within or Scope()
    column = {question.pk: index for index, question in enumerate(questions)}
    labels = {question.pk: question.option_labels("nb") for question in questions}
    yes_no = (_("Yes"), _("No"))
    other = _("other")
    cutoff = retention_cutoff(form)
    answers = Answer.objects.filter(response__form=form)
    if within.days is not None:
        answers = answers.filter(response__submitted_on__range=within.days)
    answers = (
        # The choices as stored, read as JSON only for a multiple choice.
        answers.annotate(choices_text=Cast("choices", TextField()))
        .order_by(TruncWeek("response__submitted_on"), "response_id")
        .values_list(
            "response_id",
            "response__submitted_on",
            "response__language",
            "question_id",
            "number",
            "choices_text",
            "text",
        )
        .iterator(chunk_size=CHUNK)
    )
    weeks: dict[date, str] = {}
    current, row = None, None
    for response_id, day, language, question_id, number, choices, text in answers:
        if response_id != current:
            if row is not None:
                yield row
            current = response_id
            week = weeks.get(day) or weeks.setdefault(day, week_label(day))
            row = [week, other if language in within.rare_languages else language]
            row += [""] * len(questions)
        index = column.get(question_id)
        if index is None:
            continue
        question = questions[index]
        choices = json.loads(choices) if question.kind == QuestionKind.MULTIPLE else None
        if question.is_free_text and day < cutoff:
            text = ""  # outlived the retention period; deleted by the nightly task
        value = _cell(question, labels[question_id], yes_no, (number, choices, text))
        row[2 + index] = "" if value is None else value
    if row is not None:
        yield row


# --- CSV and XLSX (klean.spreadsheet writes them while the rows are read) ----------------


def csv_stream(
    form: Form, questions: list[Question], within: Scope | None = None
) -> Iterator[bytes]:
    # The byte-order mark and the header leave before the answers are read.
    return spreadsheet.csv_stream(header(questions), rows(form, questions, within))


def xlsx_stream(
    form: Form, questions: list[Question], within: Scope | None = None
) -> Iterator[bytes]:
    """The answers, and a second sheet that says what the export holds."""
    within = within or Scope()
    count = 0

    def answers():
        nonlocal count
        for row in rows(form, questions, within):
            count += 1
            yield row

    def notes():  # read after the answers: they say how many there were
        yield from [
            (_("Form"), form.title),
            (_("Exported"), date_format(timezone.localdate(), "SHORT_DATE_FORMAT")),
            (_("Responses"), count),
            (
                _("Period"),
                _("%(first)s–%(last)s, widened to whole groups like the results page")
                % {
                    "first": date_format(within.days[0], "SHORT_DATE_FORMAT"),
                    "last": date_format(within.days[1], "SHORT_DATE_FORMAT"),
                }
                if within.days
                else _("All answers"),
            ),
            (_("Week"), week_note()),
            (_("Language"), language_note() % {"n": MIN_GROUP}),
            (
                _("Order"),
                _("By week; within a week in random order. No day or time of day is given."),
            ),
            (
                _("Free text"),
                _("Free-text answers older than %(days)s days are deleted.")
                % {"days": form.retention_days},
            ),
            (_("Several choices"), _("Joined with «; » in one cell.")),
        ]

    return spreadsheet.xlsx_stream(
        [
            (_("Answers"), header(questions), answers()),
            (_("About the export"), None, notes()),
        ]
    )
