"""Cells for spreadsheets people open in Excel: text a spreadsheet will not
run as a formula (QUALITY.md S11), numbers written the reader's way.

A cell starting with = + - @, a tab, CR or LF gets a leading apostrophe, and
the control characters XML cannot hold are taken out. CSV is written as
Excel in Norway opens it: UTF-8 with a byte-order mark, ";" between cells.

A small table is written at once (``write_csv``); an export of many rows is
streamed (``csv_stream``, ``xlsx_stream``): written while its rows are read,
so the first bytes leave at once and the memory stays flat however many rows
there are (QUALITY.md P7). The streamed XLSX writes every text as an inline
string — never a formula — with the control characters XML cannot hold
taken out.
"""

import csv
import io
import re
import zipfile
from collections.abc import Iterable, Iterator
from datetime import date
from decimal import Decimal
from xml.sax.saxutils import escape

from django.utils.formats import get_format

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")


def neutralise(value):
    """A text cell a spreadsheet will not run; other values as they are."""
    if isinstance(value, str):
        value = CONTROL.sub("", value)
        if value.startswith(FORMULA_STARTS):
            return "'" + value
    return value


def csv_cell(value) -> str:
    """A value as a CSV cell: numbers with the language's decimal sign."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, Decimal | int | float):
        return str(value).replace(".", get_format("DECIMAL_SEPARATOR"))
    return neutralise(str(value))


def write_csv(header: list[str], rows) -> bytes:
    """One table as CSV: BOM, ";" and CRLF, every text cell neutralised."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow([csv_cell(cell) for cell in header])
    for row in rows:
        writer.writerow([csv_cell(cell) for cell in row])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def sheet_name(name: str) -> str:
    """A worksheet name Excel accepts: ≤ 31 characters, none of []:*?/\\."""
    return re.sub(r"[\[\]:*?/\\]", " ", name).strip(" '")[:31].strip() or "Sheet"


# --- Streamed: written while the rows are read ------------------------------------------

#: Rows written between two pieces handed to the response.
BATCH = 500


class _Pending:
    """A file-like object for csv.writer and zipfile that hands back, on
    ``take``, what was written since (no seeking: zipfile then writes each
    part's sizes after its data)."""

    def __init__(self):
        self.parts: list[bytes] = []

    def write(self, data) -> int:
        self.parts.append(data.encode() if isinstance(data, str) else bytes(data))
        return len(data)

    def flush(self):
        pass

    def take(self) -> bytes:
        data = b"".join(self.parts)
        self.parts.clear()
        return data


def csv_stream(header: list[str], rows: Iterable[list]) -> Iterator[bytes]:
    """One table as CSV (``write_csv``'s format), a piece at a time: the
    byte-order mark and the header before the first row is read."""
    pending = _Pending()
    writer = csv.writer(pending, delimiter=";", lineterminator="\r\n")
    pending.write("\ufeff")
    writer.writerow([csv_cell(cell) for cell in header])
    yield pending.take()
    for count, row in enumerate(rows, start=1):
        writer.writerow([csv_cell(cell) for cell in row])
        if count % BATCH == 0:
            yield pending.take()
    yield pending.take()


MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
DOC_RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
OFFICE = "application/vnd.openxmlformats-officedocument.spreadsheetml"
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
DATE_STYLE, BOLD_STYLE = 1, 2
EXCEL_EPOCH = date(1899, 12, 30)


def _column(number: int) -> str:
    """The column letters of the 1-based column ``number``: A … Z, AA …"""
    letters = ""
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _xlsx_cell(ref: str, value, style: int = 0) -> str:
    if value is None or value == "":
        return ""
    if isinstance(value, date):
        return f'<c r="{ref}" s="{DATE_STYLE}"><v>{(value - EXCEL_EPOCH).days}</v></c>'
    if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
        return f'<c r="{ref}"><v>{value}</v></c>'
    text = escape(CONTROL.sub("", str(value)))
    style_attribute = f' s="{style}"' if style else ""
    return (
        f'<c r="{ref}" t="inlineStr"{style_attribute}><is><t xml:space="preserve">{text}</t>'
        "</is></c>"
    )


def _xlsx_row(number: int, values, style: int = 0) -> str:
    cells = "".join(
        _xlsx_cell(f"{_column(column)}{number}", value, style)
        for column, value in enumerate(values, start=1)
    )
    return f'<row r="{number}">{cells}</row>'


def _attribute(text: str) -> str:
    return escape(text, {'"': "&quot;"})


def _package(names: list[str]) -> dict[str, str]:
    """The workbook's parts around its sheets."""
    count = len(names)
    sheet_type = f"{OFFICE}.worksheet+xml"
    overrides = "".join(
        f'<Override PartName="/xl/worksheets/sheet{n}.xml" ContentType="{sheet_type}"/>'
        for n in range(1, count + 1)
    )
    relations = "".join(
        f'<Relationship Id="rId{n}" Type="{DOC_RELS}/worksheet" Target="worksheets/sheet{n}.xml"/>'
        for n in range(1, count + 1)
    )
    sheets = "".join(
        f'<sheet name="{_attribute(sheet_name(name))}" sheetId="{n}" r:id="rId{n}"/>'
        for n, name in enumerate(names, start=1)
    )
    return {
        "[Content_Types].xml": (
            XML + '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
            'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
            f'<Override PartName="/xl/workbook.xml" ContentType="{OFFICE}.sheet.main+xml"/>'
            f'{overrides}<Override PartName="/xl/styles.xml" ContentType="{OFFICE}.styles+xml"/>'
            "</Types>"
        ),
        "_rels/.rels": (
            XML + f'<Relationships xmlns="{RELS}"><Relationship Id="rId1" '
            f'Type="{DOC_RELS}/officeDocument" Target="xl/workbook.xml"/></Relationships>'
        ),
        "xl/workbook.xml": (
            XML + f'<workbook xmlns="{MAIN}" xmlns:r="{DOC_RELS}"><sheets>{sheets}</sheets>'
            "</workbook>"
        ),
        "xl/_rels/workbook.xml.rels": (
            XML + f'<Relationships xmlns="{RELS}">{relations}'
            f'<Relationship Id="rId{count + 1}" Type="{DOC_RELS}/styles" Target="styles.xml"/>'
            "</Relationships>"
        ),
        "xl/styles.xml": STYLES,
    }


def xlsx_stream(sheets: list[tuple[str, list[str] | None, Iterable[list]]]) -> Iterator[bytes]:
    """Several tables as one workbook, a sheet each (name, header or None,
    rows), written while the rows are read: one sheet's rows after the
    other's, so a later sheet's rows may be made from what an earlier one
    counted. A header is bold and stays in view; dates are shown in the
    reader's date format; every text is an inline string, never a formula."""
    pending = _Pending()
    book = zipfile.ZipFile(pending, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=6)
    for name, content in _package([name for name, _header, _rows in sheets]).items():
        book.writestr(name, content)
    for number, (_name, header, rows) in enumerate(sheets, start=1):
        with book.open(f"xl/worksheets/sheet{number}.xml", "w", force_zip64=True) as sheet:
            start = XML + f'<worksheet xmlns="{MAIN}">'
            if header is not None:
                start += (
                    '<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" '
                    'topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView>'
                    "</sheetViews><sheetData>" + _xlsx_row(1, header, style=BOLD_STYLE)
                )
            else:
                start += "<sheetData>"
            sheet.write(start.encode())
            yield pending.take()
            first = 1 if header is None else 2
            parts = []
            for count, row in enumerate(rows):
                parts.append(_xlsx_row(first + count, row))
                if (count + 1) % BATCH == 0:
                    sheet.write("".join(parts).encode())
                    parts.clear()
                    yield pending.take()
            sheet.write(("".join(parts) + "</sheetData></worksheet>").encode())
    book.close()
    yield pending.take()
