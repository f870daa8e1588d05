"""The streamed spreadsheet writers: the first bytes leave before a row is
read, every text stays text, and the workbook opens."""

import csv
import io
from datetime import date
from decimal import Decimal

import openpyxl
from django.utils import translation

from klean.spreadsheet import BATCH, csv_stream, xlsx_stream


def watched(rows, read: list):
    """The rows, noting in ``read`` how many were taken."""
    for row in rows:
        read.append(row)
        yield row


def test_csv_sends_the_bom_and_header_before_reading_a_row():
    read = []
    chunks = csv_stream(["Idé", "Timer"], watched([["=1+1", Decimal("12.5")]], read))
    first = next(chunks)
    assert first == "\ufeffIdé;Timer\r\n".encode() and read == []
    with translation.override("nb"):
        rest = b"".join(chunks).decode()
    assert rest == "'=1+1;12,5\r\n" and len(read) == 1


def test_csv_hands_over_a_piece_every_batch_of_rows():
    read = []
    chunks = csv_stream(["n"], watched(([n] for n in range(2 * BATCH + 1)), read))
    next(chunks)
    next(chunks)
    assert len(read) == BATCH
    rows = list(csv.reader(io.StringIO(b"".join(chunks).decode()), delimiter=";"))
    assert len(rows) == BATCH + 1


def test_xlsx_has_a_sheet_each_with_numbers_dates_and_text_never_formulas():
    read = []
    many = [[n, f"rad {n}"] for n in range(BATCH + 3)]
    sheets = [
        (
            "Idéer: [alle]",
            ["Tittel", *[f"k{n}" for n in range(30)]],
            watched([["=SUM(A1)\x07", *range(30)]], read),
        ),
        ("Tiltak", ["Nr", "Hva"], iter(many)),
        ("Om", None, [("Dato", date(2026, 11, 26)), ("Sum", Decimal("1200.50"))]),
    ]
    chunks = xlsx_stream(sheets)
    first = next(chunks)
    assert first.startswith(b"PK") and read == []
    book = openpyxl.load_workbook(io.BytesIO(first + b"".join(chunks)))
    ideas, actions, about = book.worksheets
    assert book.sheetnames == ["Idéer   alle", "Tiltak", "Om"]
    assert ideas["A2"].value == "=SUM(A1)" and ideas["A2"].data_type == "s"
    assert ideas["A1"].font.b and ideas["AE1"].value == "k29" and ideas["AE2"].value == 29
    assert actions.max_row == BATCH + 4 and actions[f"B{BATCH + 4}"].value == f"rad {BATCH + 2}"
    assert about["A1"].value == "Dato" and about["B1"].value.date() == date(2026, 11, 26)
    assert about["B2"].value == 1200.5
