"""Cells for spreadsheets people open in Excel: text a spreadsheet will not
run as a formula (QUALITY.md S11), numbers written the reader's way.

A cell starting with = + - @, a tab, CR or LF gets a leading apostrophe, and
the control characters XML cannot hold are taken out. CSV is written as
Excel in Norway opens it: UTF-8 with a byte-order mark, ";" between cells.
"""

import csv
import io
import re
from datetime import date
from decimal import Decimal

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


def write_xlsx(sheets: list[tuple[str, list[str], list[list]]]) -> bytes:
    """Several tables as one workbook, a sheet each (name, header, rows);
    every text cell a string, never a formula."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    workbook = Workbook(write_only=True)
    bold = Font(bold=True)

    def cell(sheet, value, *, header=False):
        if isinstance(value, Decimal):
            value = int(value) if value == value.to_integral_value() else float(value)
        elif value is not None and not isinstance(value, int | float | date):
            value = neutralise(str(value))
        written = WriteOnlyCell(sheet, value=value)
        if isinstance(value, str):
            written.data_type = "s"  # text, never a formula
        if header:
            written.font = bold
        return written

    for name, header, rows in sheets:
        sheet = workbook.create_sheet(sheet_name(name))
        sheet.freeze_panes = "A2"
        sheet.append([cell(sheet, text, header=True) for text in header])
        for row in rows:
            sheet.append([cell(sheet, value) for value in row])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
