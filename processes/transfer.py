"""A map's steps in a spreadsheet: export to CSV and Excel, the import
template, and reading a workshop's spreadsheet back into steps.

The sheet has one row per step, in the map's order, and these columns
(``COLUMNS``): number, swimlane, activity, description, processing time and
its unit, waiting time and its unit, people involved, IT system, errors /
rework (%), value class, waste types and the number of problem notes.

Export writes the headers and words (units, value classes, waste types) in
the reader's language, times in the unit they were typed in, numbers with
the language's decimal separator in CSV (Excel in Norway reads "1,5"), and
CSV as UTF-8 with a byte order mark and ";" between cells. A cell that a
spreadsheet would run as a formula (= + - @, tab, carriage return) starts
with an apostrophe in CSV and is written as text in Excel (OWASP's advice
against formula injection).

Import (``read_steps``) reads what a person typed into such a sheet:

- CSV (UTF-8 with or without BOM, else Windows-1252; ";", "," or tab
  between cells) or Excel .xlsx, at most ``MAX_FILE_BYTES``;
- columns are found by their header in bokmål, nynorsk or English, in any
  case and spacing; swimlane and activity are required, the number and
  problem-note columns are ignored (the rows' order is the steps' order);
- a time is a number in the unit of its unit column ("1,5" + "timer"), or a
  number and a unit in one cell ("2 timer", "30 min", "1,5 dager"); with no
  unit, processing time is in minutes and waiting time in working days;
- formulas are refused (the value is what a workshop agreed on, not a
  calculation that may point at another sheet);
- every row is checked and every problem reported by row and column before
  anything is saved; reading stops after ``MAX_STEPS`` + 1 rows, so a sheet
  of 10,000 rows is refused at once.

Nothing here touches the database but ``check_fits``; saving is
``processes.services.import_steps``.
"""

import csv
import io
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext, pgettext_lazy

from klean import spreadsheet
from processes.models import (
    MAX_LANES,
    MAX_MINUTES,
    MAX_STEPS,
    UNIT_MINUTES,
    Lane,
    Step,
    TimeUnit,
    ValueClass,
    WasteType,
)

MAX_FILE_BYTES = 2 * 1024 * 1024
#: An .xlsx is a zip; refuse one that unpacks to more than this (a zip bomb).
MAX_UNPACKED_BYTES = 60 * 1024 * 1024
#: Errors shown at most; the rest are counted.
MAX_ERRORS = 100
LANGUAGES = ("nb", "nn", "en")
CSV_TYPE = "text/csv; charset=utf-8"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class ImportRefused(Exception):
    """The file as a whole cannot be read (wrong type, too big, damaged,
    missing columns, too many rows). ``messages`` say why."""

    def __init__(self, *messages: str):
        super().__init__(*messages)
        self.messages = list(messages)


# --- The columns ----------------------------------------------------------------------


@dataclass(frozen=True)
class Column:
    key: str
    label: object  # lazy: the header in the reader's language
    guide: object  # lazy: what to write in it
    aliases: tuple[str, ...] = ()  # other headers read as this column
    required: bool = False
    max_length: int | None = None


COLUMNS = (
    Column(
        "number",
        pgettext_lazy("spreadsheet column", "No."),
        gettext_lazy("The step's number. Not read on import: the rows' order is the order."),
        ("nr", "nummer", "number", "no", "stegnr", "step"),
    ),
    Column(
        "lane",
        pgettext_lazy("spreadsheet column", "Swimlane"),
        gettext_lazy("The role, unit or organisation doing the step. New names become new lanes."),
        ("svømmebane", "symjebane", "bane", "swimlane", "lane", "rolle", "role"),
        required=True,
        max_length=Lane._meta.get_field("name").max_length,
    ),
    Column(
        "title",
        pgettext_lazy("spreadsheet column", "Activity"),
        gettext_lazy("A verb and a noun: «Registrere søknad»."),
        ("aktivitet", "activity", "steg", "tittel", "title"),
        required=True,
        max_length=Step._meta.get_field("title").max_length,
    ),
    Column(
        "description",
        pgettext_lazy("spreadsheet column", "Description"),
        gettext_lazy("Optional: what happens in the step."),
        ("beskrivelse", "skildring", "description"),
        max_length=Step._meta.get_field("description").max_length,
    ),
    Column(
        "processing",
        pgettext_lazy("spreadsheet column", "Processing time"),
        gettext_lazy("Time spent working on one case: a number, e.g. 15 or 1,5."),
        ("behandlingstid", "handsamingstid", "processing time", "processing"),
    ),
    Column(
        "processing_unit",
        pgettext_lazy("spreadsheet column", "Processing time unit"),
        gettext_lazy("minutes, hours or working days. Empty: minutes."),
        (
            "behandlingstid enhet",
            "enhet behandlingstid",
            "handsamingstid eining",
            "eining handsamingstid",
            "processing unit",
            "processing time unit",
        ),
    ),
    Column(
        "waiting",
        pgettext_lazy("spreadsheet column", "Waiting time"),
        gettext_lazy("Time the case waits before the step: a number."),
        ("ventetid", "waiting time", "waiting"),
    ),
    Column(
        "waiting_unit",
        pgettext_lazy("spreadsheet column", "Waiting time unit"),
        gettext_lazy("minutes, hours or working days. Empty: working days."),
        (
            "ventetid enhet",
            "enhet ventetid",
            "ventetid eining",
            "eining ventetid",
            "waiting unit",
            "waiting time unit",
        ),
    ),
    Column(
        "people",
        pgettext_lazy("spreadsheet column", "People involved"),
        gettext_lazy("Optional: how many people take part, a whole number from 1 to 500."),
        (
            "personer",
            "personar",
            "personer involvert",
            "personar involverte",
            "antall personer",
            "tal personar",
            "people",
            "people involved",
        ),
    ),
    Column(
        "it_system",
        pgettext_lazy("spreadsheet column", "IT system"),
        gettext_lazy("Optional: the system used, e.g. the case system."),
        ("it-system", "itsystem", "fagsystem", "system", "it system"),
        max_length=Step._meta.get_field("it_system").max_length,
    ),
    Column(
        "error_rate",
        pgettext_lazy("spreadsheet column", "Errors / rework (%)"),
        gettext_lazy("Optional: the share of cases with errors or rework, 0 to 100."),
        ("feil", "feil / omarbeid (%)", "feil %", "feilprosent", "errors", "error rate", "rework"),
    ),
    Column(
        "value_class",
        pgettext_lazy("spreadsheet column", "Value class"),
        gettext_lazy("Optional: value-adding, necessary or waste."),
        ("verdiklasse", "value class", "klasse", "class"),
    ),
    Column(
        "waste_types",
        pgettext_lazy("spreadsheet column", "Waste types"),
        gettext_lazy("Optional: one or more of the eight waste types, separated by «;»."),
        ("sløsingstyper", "sløsingstypar", "sløsingstype", "waste types", "waste type"),
    ),
    Column(
        "notes",
        pgettext_lazy("spreadsheet column", "Problems"),
        gettext_lazy("The number of problem notes. Not read on import."),
        ("problemer", "problem", "antall problemer", "problems", "notes"),
    ),
)
BY_KEY = {column.key: column for column in COLUMNS}
#: Columns read on import (number and problem count are written, not read).
READ_KEYS = tuple(key for key in BY_KEY if key not in ("number", "notes"))


def _key(text) -> str:
    """A header or word as compared: letters and digits only, case-folded."""
    return "".join(char for char in str(text).casefold() if char.isalnum())


def _in_languages(label) -> list[str]:
    """A lazy label as it reads in each language the sheet may be written in."""
    spellings = []
    for language in LANGUAGES:
        with translation.override(language):
            spellings.append(str(label))
    return spellings


def _header_keys() -> dict[str, str]:
    keys = {}
    for column in COLUMNS:
        for spelling in (*column.aliases, *_in_languages(column.label)):
            keys.setdefault(_key(spelling), column.key)
    return keys


# --- Words: units, value classes, waste types -------------------------------------------


UNIT_LABELS = {
    TimeUnit.MINUTES: pgettext_lazy("spreadsheet unit", "minutes"),
    TimeUnit.HOURS: pgettext_lazy("spreadsheet unit", "hours"),
    TimeUnit.DAYS: pgettext_lazy("spreadsheet unit", "working days"),
}
UNIT_ALIASES = {
    TimeUnit.MINUTES: ("m", "min", "mins", "minute", "minutt", "minutter", "minutta", "minuttar"),
    TimeUnit.HOURS: ("h", "t", "hr", "hrs", "hour", "hours", "time", "timer", "timar"),
    TimeUnit.DAYS: (
        "d",
        "day",
        "days",
        "dag",
        "dager",
        "dagar",
        "arbeidsdag",
        "arbeidsdager",
        "arbeidsdagar",
        "virkedag",
        "virkedager",
        "verkedag",
        "verkedagar",
        "working day",
    ),
}
VALUE_LABELS = {
    ValueClass.VALUE_ADDING: pgettext_lazy("spreadsheet value", "value-adding"),
    ValueClass.NECESSARY: pgettext_lazy("spreadsheet value", "necessary"),
    ValueClass.WASTE: pgettext_lazy("spreadsheet value", "waste"),
}
VALUE_ALIASES = {
    ValueClass.VALUE_ADDING: ("v", "verdiskapende", "verdiskapande", "value adding", "grønn"),
    ValueClass.NECESSARY: (
        "n",
        "nødvendig",
        "naudsynt",
        "nødvendig, men ikke verdiskapende",
        "naudsynt, men ikkje verdiskapande",
        "støtteaktivitet",
        "gul",
    ),
    ValueClass.WASTE: ("s", "sløsing", "waste", "rød", "raud"),
}
WASTE_ALIASES = {
    WasteType.OVERPRODUCTION: ("overproduksjon",),
    WasteType.WAITING: ("venting",),
    WasteType.INVENTORY: ("unødvendig lager / kø", "lager", "kø", "lager / kø"),
    WasteType.TRANSPORT: ("transport", "overlevering", "overleveringer", "overleveringar"),
    WasteType.OVERPROCESSING: ("overprosessering", "overprocessing"),
    WasteType.MOTION: ("bevegelse / leting", "bevegelse", "leting", "rørsle"),
    WasteType.DEFECTS: ("feil / omarbeid", "feil", "omarbeid", "omarbeiding"),
    WasteType.UNUSED_SKILLS: ("ubrukt kompetanse", "ubrukt kompetanse", "unytta kompetanse"),
}


def _vocabulary(choices, labels: dict, aliases: dict, *, parts: bool = False) -> dict[str, str]:
    """Every spelling read as each code: the code, the aliases, and the
    labels in every language (and, for waste types, each half of a label
    such as «Feil / omarbeid»)."""
    words = {}
    for code, label in choices:
        spellings = [code, *aliases.get(code, ())]
        for lazy in (label, labels.get(code)):
            if lazy is None:
                continue
            for text in _in_languages(lazy):
                spellings.append(text)
                if parts:
                    spellings.extend(text.split("/"))
        for spelling in spellings:
            if _key(spelling):
                words.setdefault(_key(spelling), code)
    return words


def unit_words() -> dict[str, str]:
    return _vocabulary(TimeUnit.choices, UNIT_LABELS, UNIT_ALIASES)


def value_words() -> dict[str, str]:
    return _vocabulary(ValueClass.choices, VALUE_LABELS, VALUE_ALIASES)


def waste_words() -> dict[str, str]:
    return _vocabulary(WasteType.choices, {}, WASTE_ALIASES, parts=True)


def _unit_names() -> str:
    return " / ".join(str(label) for label in UNIT_LABELS.values())


def _value_names() -> str:
    return " / ".join(str(label) for label in VALUE_LABELS.values())


def _waste_names() -> str:
    return "; ".join(str(label).lower() for label in WasteType.labels)


def guide() -> list[tuple[str, str, str]]:
    """(column, required?, what to write) for each column, then the allowed
    words: the same text on the import page and the template's guide sheet."""
    rows = [
        (
            str(column.label),
            pgettext("spreadsheet guide", "Required")
            if column.required
            else pgettext("spreadsheet guide", "Optional"),
            str(column.guide),
        )
        for column in COLUMNS
    ]
    rows += [
        ("", "", ""),
        (pgettext("spreadsheet guide", "Units"), "", _unit_names()),
        (pgettext("spreadsheet guide", "Value classes"), "", _value_names()),
        (pgettext("spreadsheet guide", "Waste types"), "", _waste_names()),
        (
            pgettext("spreadsheet guide", "Times"),
            "",
            _(
                "A number in the unit of the unit column, or a number and a unit in one "
                "cell: «2 timer», «30 min», «1,5 dager». Without a unit, processing time is "
                "in minutes and waiting time in working days. A working day is 7.5 hours."
            ),
        ),
        (
            pgettext("spreadsheet guide", "Rules"),
            "",
            _(
                "The first row names the columns. One row per step, in the order of the "
                "process; the steps are added after the map's steps. Swimlanes are matched by "
                "name; new names become new swimlanes. Type values, not formulas. If any row "
                "is wrong, nothing is imported and every problem is listed."
            ),
        ),
    ]
    return rows


# --- Export -----------------------------------------------------------------------------


def time_in_unit(minutes: int, unit: str) -> Decimal:
    """Stored minutes in the unit they were typed in: 90 in hours is 1.5."""
    value = Decimal(minutes) / UNIT_MINUTES.get(unit, 1)
    return value.quantize(Decimal("0.0001"), ROUND_HALF_UP).normalize() + 0


def headers() -> list[str]:
    return [str(column.label) for column in COLUMNS]


def step_cells(step: Step, number: int, notes: int) -> list:
    """One step's row: text, ints and Decimals (numbers), None when empty."""
    value_label = VALUE_LABELS.get(step.value_class)
    return [
        number,
        step.lane.name,
        step.title,
        step.description,
        time_in_unit(step.processing_minutes, step.processing_unit),
        str(UNIT_LABELS.get(step.processing_unit, step.processing_unit)),
        time_in_unit(step.waiting_minutes, step.waiting_unit),
        str(UNIT_LABELS.get(step.waiting_unit, step.waiting_unit)),
        step.people,
        step.it_system,
        step.error_rate.normalize() + 0 if step.error_rate is not None else None,
        str(value_label) if value_label else "",
        "; ".join(label.lower() for label in step.waste_labels()),
        notes,
    ]


def example_cells() -> list:
    """The template's example row: a step of a building case."""
    step = Step(
        lane=Lane(name=pgettext("spreadsheet example", "Service desk")),
        title=pgettext("spreadsheet example", "Register application"),
        description=pgettext(
            "spreadsheet example", "The application is registered in the case system."
        ),
        processing_minutes=15,
        processing_unit=TimeUnit.MINUTES,
        waiting_minutes=3 * UNIT_MINUTES[TimeUnit.DAYS],
        waiting_unit=TimeUnit.DAYS,
        people=1,
        it_system=pgettext("spreadsheet example", "Case system"),
        error_rate=Decimal("10"),
        value_class=ValueClass.NECESSARY,
        waste_types=[WasteType.WAITING, WasteType.DEFECTS],
    )
    return step_cells(step, 1, 0)


def write_csv(rows: list[list]) -> bytes:
    """CSV as Excel in Norway opens it: UTF-8 with a BOM, ";" between cells."""
    return spreadsheet.write_csv(headers(), rows)


def write_xlsx(rows: list[list], *, sheet: str, with_guide: bool = False) -> bytes:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
    from openpyxl.styles import Alignment, Font

    workbook = Workbook(write_only=True)
    bold = Font(bold=True)

    def cell(sheet, value, *, header=False):
        if isinstance(value, Decimal):
            value = int(value) if value == value.to_integral_value() else float(value)
        elif value is not None and not isinstance(value, int):
            value = ILLEGAL_CHARACTERS_RE.sub("", str(value))
        written = WriteOnlyCell(sheet, value=value)
        if isinstance(value, str):
            written.data_type = "s"  # text, never a formula
        if header:
            written.font = bold
        return written

    steps = workbook.create_sheet(spreadsheet.sheet_name(sheet))
    steps.freeze_panes = "A2"
    widths = (6, 20, 32, 40, 12, 14, 12, 14, 10, 16, 12, 16, 32, 10)
    for letter, width in zip("ABCDEFGHIJKLMN", widths, strict=True):
        steps.column_dimensions[letter].width = width
    steps.append([cell(steps, header, header=True) for header in headers()])
    for row in rows:
        steps.append([cell(steps, value) for value in row])
    if with_guide:
        sheet = workbook.create_sheet(
            spreadsheet.sheet_name(pgettext("spreadsheet guide", "Guide"))
        )
        for letter, width in zip("ABC", (26, 12, 90), strict=True):
            sheet.column_dimensions[letter].width = width
        sheet.append(
            [
                cell(sheet, text, header=True)
                for text in (
                    pgettext("spreadsheet guide", "Column"),
                    "",
                    pgettext("spreadsheet guide", "What to write"),
                )
            ]
        )
        wrap = Alignment(wrap_text=True, vertical="top")
        for name, required, text in guide():
            row = [cell(sheet, name, header=True), cell(sheet, required), cell(sheet, text)]
            row[2].alignment = wrap
            sheet.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


# --- Import: reading the file -------------------------------------------------------------


@dataclass(frozen=True)
class Cell:
    value: object
    formula: bool = False

    @property
    def empty(self) -> bool:
        return self.value is None or (isinstance(self.value, str) and not self.value.strip())


def _rows_of_csv(raw: bytes) -> Iterator[list[Cell]]:
    for encoding in ("utf-8-sig", "cp1252", "latin-1"):
        try:
            text = raw.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    first = next((line for line in text.splitlines() if line.strip()), "")
    delimiter = max((";", ",", "\t"), key=first.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        for row in reader:
            cells = []
            for value in row:
                if value[:1] == "'" and value[1:2] and value[1] in spreadsheet.FORMULA_STARTS:
                    cells.append(Cell(value[1:]))  # written neutralised by the export
                else:
                    cells.append(Cell(value, formula=value.startswith("=")))
            yield cells
    except csv.Error as error:
        raise ImportRefused(_("The file could not be read as CSV text.")) from error


def _rows_of_xlsx(raw: bytes) -> Iterator[list[Cell]]:
    from openpyxl import load_workbook

    buffer = io.BytesIO(raw)
    damaged = _(
        "The file could not be read as an Excel workbook (.xlsx); it may be damaged. "
        "Save it again from Excel, or as CSV."
    )
    if not zipfile.is_zipfile(buffer):
        raise ImportRefused(damaged)
    try:
        with zipfile.ZipFile(buffer) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
        if unpacked > MAX_UNPACKED_BYTES:
            raise ImportRefused(_("The workbook is too large when unpacked. Save it as CSV."))
        workbook = load_workbook(buffer, read_only=True, data_only=False)
    except ImportRefused:
        raise
    except Exception as error:  # openpyxl raises many kinds on a damaged file
        raise ImportRefused(damaged) from error
    try:
        sheet = workbook.worksheets[0]
        for row in sheet.iter_rows():
            yield [_xlsx_cell(cell) for cell in row]
    except ImportRefused:
        raise
    except Exception as error:
        raise ImportRefused(damaged) from error
    finally:
        workbook.close()


def _xlsx_cell(cell) -> Cell:
    """A cell as typed: a formula is seen as one (never its cached result);
    a date, time or true/false is read as its text, which no column takes."""
    from openpyxl.worksheet.formula import ArrayFormula, DataTableFormula

    value = cell.value
    if getattr(cell, "data_type", None) == "f" or isinstance(
        value, ArrayFormula | DataTableFormula
    ):
        return Cell(value, formula=True)
    if value is None or isinstance(value, str | float) or type(value) is int:
        return Cell(value)
    return Cell(str(value))


def open_rows(name: str, raw: bytes) -> Iterator[list[Cell]]:
    """The rows of an uploaded file, by its name's ending."""
    if len(raw) > MAX_FILE_BYTES:
        raise ImportRefused(too_big_message())
    ending = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if ending == "csv":
        return _rows_of_csv(raw)
    if ending in ("xlsx", "xlsm"):
        return _rows_of_xlsx(raw)
    if ending in ("xls", "ods", "numbers"):
        raise ImportRefused(_("Save the sheet as Excel workbook (.xlsx) or CSV and try again."))
    raise ImportRefused(_("Only CSV and Excel (.xlsx) files can be imported."))


def too_big_message() -> str:
    return _("The file is larger than %(size)s MB. Split it into smaller files.") % {
        "size": MAX_FILE_BYTES // (1024 * 1024)
    }


# --- Import: checking the rows ------------------------------------------------------------


@dataclass
class Parsed:
    """The steps read from a file, or the errors that stop the import."""

    steps: list[dict] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    error_count: int = 0
    ignored: list[str] = field(default_factory=list)  # headers not read
    new_lanes: list[str] = field(default_factory=list)

    def refuse(self, message: str) -> None:
        self.error_count += 1
        if len(self.errors) < MAX_ERRORS:
            self.errors.append(message)


class _Problem(Exception):
    """One cell's problem, told by ``_Reader`` with its row and column
    (``key``: another column than the one being read, such as its unit's)."""

    def __init__(self, message: str, key: str | None = None):
        super().__init__(message)
        self.key = key


def _shown(value) -> str:
    text = str(value).strip()
    return text if len(text) <= 40 else text[:39] + "…"


def _text(cell: Cell) -> str:
    if cell.empty:
        return ""
    if isinstance(cell.value, float) and cell.value.is_integer():
        return str(int(cell.value))
    return str(cell.value).strip()


def _number(value) -> Decimal:
    if isinstance(value, bool):
        raise _Problem(_("«%(value)s» is not a number") % {"value": _shown(value)})
    if isinstance(value, int | float):
        number = Decimal(str(value))
    else:
        from klean.formats import parse_decimal

        try:
            number = Decimal(parse_decimal(str(value).removesuffix("%").strip()))
        except (InvalidOperation, ValueError):
            raise _Problem(_("«%(value)s» is not a number") % {"value": _shown(value)}) from None
    if not number.is_finite():
        raise _Problem(_("«%(value)s» is not a number") % {"value": _shown(value)})
    return number


_TIME = re.compile(r"^\s*(?P<number>[-−+]?[\d\s.,]*\d[\d\s.,]*?)\s*(?P<unit>[^\W\d_][^\d]*)?$")


def _unit(text: str, words: dict, key: str | None = None) -> str:
    code = words.get(_key(text))
    if code is None:
        raise _Problem(
            _("unknown unit «%(value)s»; write %(allowed)s")
            % {"value": _shown(text), "allowed": _unit_names()},
            key,
        )
    return str(code)


def _time(cell: Cell, unit_cell: Cell, unit_key: str, default: str, words: dict):
    """(minutes, unit) from a time cell and its unit cell."""
    unit = str(default)
    if not unit_cell.empty:
        unit = _unit(_text(unit_cell), words, unit_key)
    if cell.empty:
        return 0, unit
    value = cell.value
    if isinstance(value, str):
        match = _TIME.match(value)
        if match and match["unit"]:
            unit = _unit(match["unit"], words)
            value = match["number"]
    number = _number(value)
    if number < 0:
        raise _Problem(_("«%(value)s» cannot be negative") % {"value": _shown(cell.value)})
    if number > MAX_MINUTES or number * UNIT_MINUTES[unit] > MAX_MINUTES:
        raise _Problem(
            _("«%(value)s» is more than ten years; check the number and the unit")
            % {"value": _shown(cell.value)}
        )
    return int((number * UNIT_MINUTES[unit]).quantize(Decimal(1), ROUND_HALF_UP)), unit


class _Reader:
    """Reads the rows below the header into step values."""

    def __init__(self, columns: dict[str, int], header: list[str]):
        self.columns = columns  # key → index
        self.header = header
        self.units = unit_words()
        self.values = value_words()
        self.wastes = waste_words()

    def cell(self, cells: list[Cell], key: str) -> Cell:
        index = self.columns.get(key)
        return cells[index] if index is not None and index < len(cells) else Cell(None)

    def name(self, key: str) -> str:
        index = self.columns.get(key)
        return self.header[index] if index is not None else str(BY_KEY[key].label)

    def read(self, number: int, cells: list[Cell], parsed: Parsed) -> dict | None:
        values = {"row": number}
        failed = False
        for key in READ_KEYS:
            cell = self.cell(cells, key)
            try:
                if cell.formula:
                    raise _Problem(_("formulas cannot be imported – paste the value instead"))
                self.read_cell(key, cell, cells, values)
            except _Problem as problem:
                failed = True
                parsed.refuse(
                    _("Row %(row)s, column %(column)s: %(problem)s")
                    % {"row": number, "column": self.name(problem.key or key), "problem": problem}
                )
        return None if failed else values

    def read_cell(self, key: str, cell: Cell, cells: list[Cell], values: dict) -> None:
        column = BY_KEY[key]
        if key in ("lane", "title", "description", "it_system"):
            text = _text(cell)
            if column.required and not text:
                raise _Problem(_("must not be empty"))
            if column.max_length and len(text) > column.max_length:
                raise _Problem(
                    _("the text is %(length)s characters long; at most %(limit)s")
                    % {"length": len(text), "limit": column.max_length}
                )
            values[key] = " ".join(text.split()) if key == "lane" else text
        elif key in ("processing", "waiting"):
            default = TimeUnit.MINUTES if key == "processing" else TimeUnit.DAYS
            unit_cell = self.cell(cells, f"{key}_unit")
            if unit_cell.formula:
                return  # told for the unit column
            minutes, unit = _time(cell, unit_cell, f"{key}_unit", default, self.units)
            values[f"{key}_minutes"], values[f"{key}_unit"] = minutes, unit
        elif key in ("processing_unit", "waiting_unit"):
            time = self.cell(cells, key.removesuffix("_unit"))
            if not cell.empty and (time.empty or time.formula):
                _unit(_text(cell), self.units)  # a unit alone: still a known one
        elif key == "people":
            values["people"] = None
            if not cell.empty:
                number = _number(cell.value)
                if not 1 <= number <= 500 or number != number.to_integral_value():
                    raise _Problem(
                        _("«%(value)s» must be a whole number from 1 to 500")
                        % {"value": _shown(cell.value)}
                    )
                values["people"] = int(number)
        elif key == "error_rate":
            values["error_rate"] = None
            if not cell.empty:
                number = _number(cell.value)
                if not 0 <= number <= 100:
                    raise _Problem(
                        _("«%(value)s» must be a percentage from 0 to 100")
                        % {"value": _shown(cell.value)}
                    )
                values["error_rate"] = str(number.quantize(Decimal("0.1"), ROUND_HALF_UP))
        elif key == "value_class":
            values["value_class"] = ""
            if not cell.empty:
                code = self.values.get(_key(_text(cell)))
                if code is None:
                    raise _Problem(
                        _("unknown value class «%(value)s»; write %(allowed)s")
                        % {"value": _shown(_text(cell)), "allowed": _value_names()}
                    )
                values["value_class"] = code
        elif key == "waste_types":
            codes = []
            for word in re.split(r"[;,\n]", _text(cell)):
                if not word.strip():
                    continue
                code = self.wastes.get(_key(word))
                if code is None:
                    raise _Problem(
                        _("unknown waste type «%(value)s»; write one of: %(allowed)s")
                        % {"value": _shown(word), "allowed": _waste_names()}
                    )
                if code not in codes:
                    codes.append(code)
            values["waste_types"] = codes


def _find_columns(header: list[Cell]) -> tuple[dict[str, int], list[str], list[str]]:
    """The columns by key, the headers as written, and the headers not read."""
    known = _header_keys()
    columns, names, ignored = {}, [], []
    for index, cell in enumerate(header):
        name = " ".join(_text(cell).split())
        names.append(name)
        if not name:
            continue
        key = known.get(_key(name))
        if key is None:
            ignored.append(name)
        elif key in columns:
            raise ImportRefused(
                _("The column %(column)s appears twice: «%(first)s» and «%(second)s».")
                % {"column": BY_KEY[key].label, "first": names[columns[key]], "second": name}
            )
        else:
            columns[key] = index
    return columns, names, ignored


def read_steps(name: str, raw: bytes) -> Parsed:
    """Every step of an uploaded sheet, or every reason it cannot be imported.

    Raises ``ImportRefused`` for a file that cannot be read at all. Rows are
    numbered as the spreadsheet shows them; the header is the first row that
    is not empty."""
    rows = enumerate(open_rows(name, raw), start=1)
    parsed = Parsed()
    for _number_of_header, cells in rows:
        if not all(cell.empty for cell in cells):
            header = cells
            break
    else:
        raise ImportRefused(_("The file is empty."))
    columns, names, parsed.ignored = _find_columns(header)
    missing = [str(BY_KEY[key].label) for key in ("lane", "title") if key not in columns]
    if missing:
        raise ImportRefused(
            _(
                "Missing columns: %(columns)s. The first row must name the columns; "
                "the template shows how."
            )
            % {"columns": ", ".join(missing)}
        )
    reader = _Reader(columns, names)
    read_indexes = [columns[key] for key in READ_KEYS if key in columns]
    count = 0
    for row_number, cells in rows:
        if all(cells[i].empty for i in read_indexes if i < len(cells)):
            continue
        count += 1
        if count > MAX_STEPS:
            raise ImportRefused(
                _(
                    "The file has more than %(limit)s steps; a map holds at most %(limit)s. "
                    "Split it into smaller files."
                )
                % {"limit": MAX_STEPS}
            )
        values = reader.read(row_number, cells, parsed)
        if values is not None:
            parsed.steps.append(values)
    if not count:
        raise ImportRefused(_("The file has no steps below the header row."))
    if parsed.error_count:
        parsed.steps = []
    return parsed


def check_fits(parsed: Parsed, process_map) -> None:
    """Whether the steps and their new swimlanes fit on the map; adds the
    reason to ``parsed.errors`` when not, and names the new swimlanes."""
    lanes = {
        lane_key(name)
        for name in Lane.objects.filter(map=process_map).values_list("name", flat=True)
    }
    new = []
    for step in parsed.steps:
        key = lane_key(step["lane"])
        if key not in lanes:
            lanes.add(key)
            new.append(step["lane"])
    parsed.new_lanes = new
    if len(lanes) > MAX_LANES:
        parsed.refuse(
            _(
                "The map would get %(count)s swimlanes; a map has at most %(limit)s. "
                "Use the names of the map's swimlanes where you can."
            )
            % {"count": len(lanes), "limit": MAX_LANES}
        )
    existing = Step.objects.filter(map=process_map).count()
    if existing + len(parsed.steps) > MAX_STEPS:
        parsed.refuse(
            _(
                "The file has %(count)s steps, but the map has room for only %(room)s more "
                "(it has %(existing)s of at most %(limit)s)."
            )
            % {
                "count": len(parsed.steps),
                "room": max(0, MAX_STEPS - existing),
                "existing": existing,
                "limit": MAX_STEPS,
            }
        )


def lane_key(name: str) -> str:
    """A swimlane's name as compared: case and spacing do not count."""
    return " ".join(str(name).split()).casefold()
