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

import csv
import io
import json
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from xml.sax.saxutils import escape

from django.db.models import Count, TextField
from django.db.models.functions import Cast, TruncWeek
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from openpyxl.utils import get_column_letter

from feedback.models import MIN_GROUP, Answer, Form, Question, QuestionKind, Response
from feedback.results import retention_cutoff
from klean.spreadsheet import CONTROL, neutralise, sheet_name

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


# --- CSV --------------------------------------------------------------------------------


class _Line:
    """A file-like object for csv.writer that hands back what was written."""

    def __init__(self):
        self.buffer = io.StringIO()

    def write(self, text):
        self.buffer.write(text)

    def take(self) -> str:
        text = self.buffer.getvalue()
        self.buffer.seek(0)
        self.buffer.truncate()
        return text


def csv_stream(
    form: Form, questions: list[Question], within: Scope | None = None
) -> Iterator[bytes]:
    line = _Line()
    writer = csv.writer(line, delimiter=";", lineterminator="\r\n")
    writer.writerow([neutralise(cell) for cell in header(questions)])
    # The byte-order mark and the header leave before the answers are read.
    yield ("\ufeff" + line.take()).encode()
    for count, row in enumerate(rows(form, questions, within), start=1):
        writer.writerow([neutralise(cell) for cell in row])
        if count % 500 == 0:
            yield line.take().encode()
    yield line.take().encode()


# --- XLSX -------------------------------------------------------------------------------

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
DOC_RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
SHEET = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
CONTENT_TYPES = (
    XML + '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
    'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.spreadsheetml.sheet.main+xml"/>'
    f'<Override PartName="/xl/worksheets/sheet1.xml" ContentType="{SHEET}"/>'
    f'<Override PartName="/xl/worksheets/sheet2.xml" ContentType="{SHEET}"/>'
    '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.spreadsheetml.styles+xml"/></Types>'
)
ROOT_RELS = (
    XML + f'<Relationships xmlns="{RELS}"><Relationship Id="rId1" '
    f'Type="{DOC_RELS}/officeDocument" Target="xl/workbook.xml"/></Relationships>'
)
WORKBOOK_RELS = (
    XML + f'<Relationships xmlns="{RELS}">'
    f'<Relationship Id="rId1" Type="{DOC_RELS}/worksheet" Target="worksheets/sheet1.xml"/>'
    f'<Relationship Id="rId2" Type="{DOC_RELS}/worksheet" Target="worksheets/sheet2.xml"/>'
    f'<Relationship Id="rId3" Type="{DOC_RELS}/styles" Target="styles.xml"/></Relationships>'
)
# Style 0 plain, 1 a date (built-in format 14, shown in the reader's date format), 2 bold.
STYLES = (
    XML + f'<styleSheet xmlns="{MAIN}">'
    '<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font>'
    '<font><b/><sz val="11"/><name val="Calibri"/></font></fonts>'
    '<fills count="2"><fill><patternFill patternType="none"/></fill>'
    '<fill><patternFill patternType="gray125"/></fill></fills>'
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
    '<cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
    '<xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
    '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs>'
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
    "</styleSheet>"
)
EXCEL_EPOCH = date(1899, 12, 30)


def _sheet_name(name: str) -> str:
    return escape(sheet_name(name), {'"': "&quot;"})


def _workbook(answers_name: str, notes_name: str) -> str:
    return (
        XML + f'<workbook xmlns="{MAIN}" xmlns:r="{DOC_RELS}"><sheets>'
        f'<sheet name="{_sheet_name(answers_name)}" sheetId="1" r:id="rId1"/>'
        f'<sheet name="{_sheet_name(notes_name)}" sheetId="2" r:id="rId2"/>'
        "</sheets></workbook>"
    )


def _xlsx_cell(ref: str, value, style: int = 0) -> str:
    if value is None or value == "":
        return ""
    if isinstance(value, date):
        return f'<c r="{ref}" s="1"><v>{(value - EXCEL_EPOCH).days}</v></c>'
    if isinstance(value, int) and not isinstance(value, bool):
        return f'<c r="{ref}"><v>{value}</v></c>'
    text = escape(CONTROL.sub("", str(value)))
    style_attribute = f' s="{style}"' if style else ""
    return (
        f'<c r="{ref}" t="inlineStr"{style_attribute}><is><t xml:space="preserve">{text}</t>'
        "</is></c>"
    )


def _xlsx_row(number: int, letters: list[str], values, style: int = 0) -> str:
    cells = "".join(
        _xlsx_cell(f"{letter}{number}", value, style)
        for letter, value in zip(letters, values, strict=False)
    )
    return f'<row r="{number}">{cells}</row>'


class _Sink:
    """Where the zip is written; the stream takes what has piled up (no seeking:
    zipfile then writes each part's sizes after its data)."""

    def __init__(self):
        self.chunks: list[bytes] = []

    def write(self, data) -> int:
        self.chunks.append(bytes(data))
        return len(data)

    def flush(self):
        pass

    def take(self) -> bytes:
        data = b"".join(self.chunks)
        self.chunks.clear()
        return data


def xlsx_stream(
    form: Form, questions: list[Question], within: Scope | None = None
) -> Iterator[bytes]:
    within = within or Scope()
    sink = _Sink()
    book = zipfile.ZipFile(sink, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=6)
    book.writestr("[Content_Types].xml", CONTENT_TYPES)
    book.writestr("_rels/.rels", ROOT_RELS)
    book.writestr("xl/workbook.xml", _workbook(_("Answers"), _("About the export")))
    book.writestr("xl/_rels/workbook.xml.rels", WORKBOOK_RELS)
    book.writestr("xl/styles.xml", STYLES)
    titles = header(questions)
    letters = [get_column_letter(n + 1) for n in range(len(titles))]
    count = 0
    with book.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
        sheet.write(
            (
                XML + f'<worksheet xmlns="{MAIN}"><sheetViews><sheetView workbookViewId="0">'
                '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>'
                "</sheetView></sheetViews><sheetData>" + _xlsx_row(1, letters, titles, style=2)
            ).encode()
        )
        yield sink.take()
        parts = []
        for count, row in enumerate(rows(form, questions, within), start=1):
            parts.append(_xlsx_row(count + 1, letters, row))
            if count % 500 == 0:
                sheet.write("".join(parts).encode())
                parts.clear()
                yield sink.take()
        sheet.write(("".join(parts) + "</sheetData></worksheet>").encode())
    notes = [
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
    book.writestr(
        "xl/worksheets/sheet2.xml",
        XML
        + f'<worksheet xmlns="{MAIN}"><sheetData>'
        + "".join(_xlsx_row(number, ["A", "B"], note) for number, note in enumerate(notes, start=1))
        + "</sheetData></worksheet>",
    )
    book.close()
    yield sink.take()
