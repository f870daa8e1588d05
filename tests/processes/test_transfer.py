"""Steps to and from a spreadsheet: export, template, import and its refusals.

Messages are checked in English (the language cookie), so that the tests
read the same before and after the Norwegian translations are compiled.
"""

import csv
import io
import re
import time
import zipfile
from decimal import Decimal

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from openpyxl import Workbook, load_workbook

from processes import services, transfer
from processes.models import MAX_MINUTES, MAX_STEPS, Lane, MapChange, Step
from projects.models import Activity, ProjectRole
from tests.factories import (
    LaneFactory,
    MembershipFactory,
    ProblemNoteFactory,
    ProcessMapFactory,
    StepFactory,
    TeamMemberFactory,
)

HEADER = "Swimlane;Activity;Processing time;Processing time unit;Waiting time;Waiting time unit"


@pytest.fixture
def process_map(project):
    process_map = ProcessMapFactory(project=project, name="Byggesak i dag")
    desk = LaneFactory(map=process_map, name="Servicetorget", order=1)
    officer = LaneFactory(map=process_map, name="Saksbehandler", order=2)
    StepFactory(
        map=process_map,
        lane=desk,
        order=1,
        title="Registrere søknad",
        description="Søknaden journalføres.\nSå fordeles den.",
        processing_minutes=90,
        processing_unit="hours",
        waiting_minutes=675,
        waiting_unit="days",
        people=2,
        it_system="ePhorte",
        error_rate=Decimal("12.5"),
        value_class="necessary",
        waste_types=["waiting", "defects"],
    )
    step = StepFactory(
        map=process_map,
        lane=officer,
        order=2,
        title="Vurdere søknad",
        processing_minutes=45,
        processing_unit="minutes",
        waiting_minutes=0,
        waiting_unit="days",
        value_class="value_adding",
    )
    ProblemNoteFactory(step=step)
    ProblemNoteFactory(step=step)
    StepFactory(map=process_map, lane=desk, order=3, title="Sende vedtak", value_class="")
    return process_map


@pytest.fixture
def editor(client, cast, process_map):
    client.force_login(cast.facilitator)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def url(name, process_map, *args):
    return reverse(
        f"processes:{name}", args=[process_map.project.organisation.slug, process_map.pk, *args]
    )


def csv_file(text: str, name="steps.csv", encoding="utf-8") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, text.encode(encoding), content_type="text/csv")


def xlsx_file(rows, name="steps.xlsx") -> SimpleUploadedFile:
    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return SimpleUploadedFile(name, out.getvalue())


def steps_of(process_map):
    return [
        (s.lane.name, s.title, s.processing_minutes, s.waiting_minutes)
        for s in Step.objects.filter(map=process_map).select_related("lane")
    ]


def check(client, process_map, upload):
    """Upload a file; the page that answers (errors or the confirmation)."""
    page = client.get(url("import", process_map))
    token = page.context["form"]["token"].value()
    return client.post(url("import", process_map), {"file": upload, "token": token})


def confirm(client, process_map, checked):
    return client.post(
        url("import", process_map), {"payload": checked.context["payload"], "confirm": "1"}
    )


def refused(client, process_map, upload) -> str:
    """Upload a file that must be refused: nothing saved; the page's text."""
    before = (steps_of(process_map), Lane.objects.count(), MapChange.objects.count())
    response = check(client, process_map, upload)
    assert response.status_code == 200
    assert "payload" not in response.context
    assert (steps_of(process_map), Lane.objects.count(), MapChange.objects.count()) == before
    return " ".join(response.content.decode().split())


def imported(client, process_map, upload):
    checked = check(client, process_map, upload)
    assert "payload" in checked.context, (
        checked.context.get("errors") or checked.context["form"].errors
    )
    return confirm(client, process_map, checked)


# --- Export -------------------------------------------------------------------------------


def test_csv_export_has_one_row_per_step_in_order_as_excel_in_norway_reads_it(editor, process_map):
    editor.cookies[settings.LANGUAGE_COOKIE_NAME] = "nb"
    response = editor.get(url("export", process_map, "csv"))
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="Byggesak i dag.csv"'
    content = response.content
    assert content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))
    with translation.override("nb"):
        assert rows[0] == transfer.headers()
        assert rows[1][:9] == [
            "1",
            "Servicetorget",
            "Registrere søknad",
            "Søknaden journalføres.\nSå fordeles den.",
            "1,5",
            str(transfer.UNIT_LABELS["hours"]),
            "1,5",
            str(transfer.UNIT_LABELS["days"]),
            "2",
        ]
        assert rows[1][9:] == [
            "ePhorte",
            "12,5",
            str(transfer.VALUE_LABELS["necessary"]),
            "; ".join(str(label).lower() for label in (_waste("waiting"), _waste("defects"))),
            "0",
        ]
    assert [row[2] for row in rows[1:]] == ["Registrere søknad", "Vurdere søknad", "Sende vedtak"]
    assert rows[2][13] == "2"  # problem notes
    assert rows[3][11] == ""  # not classified


def _waste(code):
    from processes.models import WasteType

    return WasteType(code).label


def test_xlsx_export_has_numbers_as_numbers_and_the_same_rows(editor, process_map):
    response = editor.get(url("export", process_map, "xlsx"))
    assert response["Content-Type"] == transfer.XLSX_TYPE
    assert response["Content-Disposition"] == 'attachment; filename="Byggesak i dag.xlsx"'
    sheet = load_workbook(io.BytesIO(response.content)).worksheets[0]
    assert sheet.title == "Byggesak i dag"
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:3] == ("No.", "Swimlane", "Activity")
    assert rows[1][:9] == (
        1,
        "Servicetorget",
        "Registrere søknad",
        "Søknaden journalføres.\nSå fordeles den.",
        1.5,
        "hours",
        1.5,
        "working days",
        2,
    )
    assert rows[1][10:13] == (12.5, "necessary", "waiting; defects / rework")
    assert len(rows) == 4


def test_the_filename_comes_from_the_map_name_without_path_characters(editor, process_map):
    process_map.name = 'Søknad/"vedtak"'
    process_map.save()
    disposition = editor.get(url("export", process_map, "csv"))["Content-Disposition"]
    assert disposition == "attachment; filename*=utf-8''S%C3%B8knad%20vedtak.csv"


def test_an_unknown_format_is_404(editor, process_map):
    assert editor.get(url("export", process_map, "pdf")).status_code == 404
    assert editor.get(url("import_template", process_map, "xls")).status_code == 404


@pytest.mark.parametrize(
    "title", ['=HYPERLINK("http://x.example","Klikk")', "+1+1", "-2+3", "@SUM(A1)", "\tx"]
)
def test_formulas_in_texts_are_neutralised_in_csv(editor, process_map, title):
    Step.objects.filter(title="Sende vedtak").update(title=title, it_system="=1+1")
    rows = list(
        csv.reader(
            io.StringIO(editor.get(url("export", process_map, "csv")).content.decode("utf-8-sig")),
            delimiter=";",
        )
    )
    assert rows[3][2] == "'" + title
    assert rows[3][9] == "'=1+1"


def test_formulas_in_texts_are_text_in_xlsx(editor, process_map):
    title = '=HYPERLINK("http://x.example","Klikk")'
    Step.objects.filter(title="Sende vedtak").update(title=title)
    content = editor.get(url("export", process_map, "xlsx")).content
    cell = load_workbook(io.BytesIO(content)).worksheets[0]["C4"]
    assert (cell.value, cell.data_type) == (title, "s")
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        sheet = archive.read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in sheet


# --- Template -----------------------------------------------------------------------------


def test_the_xlsx_template_has_the_columns_an_example_and_a_guide(editor, process_map):
    response = editor.get(url("import_template", process_map, "xlsx"))
    workbook = load_workbook(io.BytesIO(response.content))
    steps, guide = workbook.worksheets
    rows = list(steps.iter_rows(values_only=True))
    assert len(rows) == 2 and rows[0][1] == "Swimlane"
    assert guide.title == "Guide"
    text = " ".join(str(v) for row in guide.iter_rows(values_only=True) for v in row if v)
    for word in ("minutes / hours / working days", "value-adding / necessary / waste", "defects"):
        assert word in text


def test_the_csv_template_imports_as_it_is(editor, process_map):
    template = editor.get(url("import_template", process_map, "csv")).content
    response = imported(editor, process_map, SimpleUploadedFile("mal.csv", template))
    assert response.status_code == 302
    step = Step.objects.filter(map=process_map).last()
    assert (step.title, step.lane.name, step.waiting_minutes) == (
        "Register application",
        "Service desk",
        3 * 450,
    )
    assert step.waste_types == ["waiting", "defects"]


@pytest.mark.parametrize("language", ["nb", "nn", "en"])
def test_the_xlsx_template_imports_in_every_language(editor, process_map, language):
    editor.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    template = editor.get(url("import_template", process_map, "xlsx")).content
    editor.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    assert (
        imported(editor, process_map, SimpleUploadedFile("mal.xlsx", template)).status_code == 302
    )
    assert Step.objects.filter(map=process_map).count() == 4


# --- Round trip ------------------------------------------------------------------------------


FIELDS = ("title", "description", "processing_minutes", "processing_unit", "waiting_minutes")
MORE = ("waiting_unit", "people", "it_system", "error_rate", "value_class", "waste_types")


def values(process_map):
    return [
        (step.lane.name, *(getattr(step, name) for name in FIELDS + MORE))
        for step in Step.objects.filter(map=process_map).select_related("lane")
    ]


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
@pytest.mark.parametrize("language", ["nb", "nn", "en"])
def test_export_then_import_gives_the_same_steps(editor, project, process_map, fmt, language):
    Step.objects.filter(title="Sende vedtak").update(title='=HYPERLINK("x")', waiting_minutes=7)
    editor.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    content = editor.get(url("export", process_map, fmt)).content
    editor.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    copy = ProcessMapFactory(project=project, name="Kopi", kind="future", based_on=process_map)
    response = imported(editor, copy, SimpleUploadedFile(f"kart.{fmt}", content))
    assert response.status_code == 302
    assert values(copy) == values(process_map)
    assert [lane.name for lane in Lane.objects.filter(map=copy)] == [
        "Servicetorget",
        "Saksbehandler",
    ]


# --- Import: the happy path --------------------------------------------------------------------


def test_import_appends_steps_matches_lanes_by_name_and_makes_new_ones(editor, cast, process_map):
    upload = csv_file(
        "Bane,Aktivitet,Behandlingstid,Ventetid,Verdiklasse,Sløsingstyper\n"
        'servicetorget ,Skanne vedlegg,30 min,"1,5 dager",nødvendig,Venting; leting\n'
        "Fagansvarlig,Kontrollere vedtak,2 timer,,sløsing,overprosessering\n"
        ",,,,,\n"
        'Fagansvarlig,Signere vedtak,"0,5",2,verdiskapende,\n'
    )
    checked = check(editor, process_map, upload)
    assert checked.context["count"] == 3
    assert checked.context["parsed"].new_lanes == ["Fagansvarlig"]
    assert "Import 3 steps" in checked.content.decode()
    assert Step.objects.filter(map=process_map).count() == 3  # nothing saved yet
    response = confirm(editor, process_map, checked)
    assert response.status_code == 302
    assert response["Location"] == url("import", process_map) or "/maps/" in response["Location"]
    steps = list(Step.objects.filter(map=process_map).select_related("lane"))
    assert [(s.order, s.title, s.lane.name) for s in steps[3:]] == [
        (4, "Skanne vedlegg", "Servicetorget"),
        (5, "Kontrollere vedtak", "Fagansvarlig"),
        (6, "Signere vedtak", "Fagansvarlig"),
    ]
    scan, control, sign = steps[3:]
    assert (scan.processing_minutes, scan.processing_unit) == (30, "minutes")
    assert (scan.waiting_minutes, scan.waiting_unit) == (675, "days")
    assert scan.waste_types == ["waiting", "motion"]
    assert (control.processing_minutes, control.processing_unit) == (120, "hours")
    assert (sign.processing_minutes, sign.waiting_minutes) == (1, 900)  # no unit: min, days
    assert [lane.name for lane in Lane.objects.filter(map=process_map)] == [
        "Servicetorget",
        "Saksbehandler",
        "Fagansvarlig",
    ]
    change = MapChange.objects.get(map=process_map)
    assert (change.action, change.data["count"], change.data["whole"]) == (
        "steps_imported",
        3,
        True,
    )
    process_map.refresh_from_db()
    assert process_map.version == 2
    event = Activity.objects.get(kind="processes.steps_imported")
    assert (event.actor, event.data) == (cast.facilitator, {"map": "Byggesak i dag", "count": 3})


def test_a_second_press_of_import_imports_nothing_more(editor, process_map):
    checked = check(editor, process_map, csv_file(f"{HEADER}\nA;Gjøre noe;1;;;\n"))
    assert confirm(editor, process_map, checked).status_code == 302
    again = confirm(editor, process_map, checked)
    assert again.status_code == 302
    assert Step.objects.filter(map=process_map).count() == 4
    assert MapChange.objects.filter(map=process_map).count() == 1
    messages = [str(m) for m in again.wsgi_request._messages]
    assert messages[-1] == "These steps are already imported."


def test_two_uploads_from_one_page_import_once(editor, process_map):
    page = editor.get(url("import", process_map))
    token = page.context["form"]["token"].value()
    post = {"token": token}
    first = editor.post(
        url("import", process_map), {**post, "file": csv_file(f"{HEADER}\nA;X;;;;")}
    )
    second = editor.post(
        url("import", process_map), {**post, "file": csv_file(f"{HEADER}\nA;X;;;;")}
    )
    confirm(editor, process_map, first)
    confirm(editor, process_map, second)
    assert Step.objects.filter(map=process_map).count() == 4


def test_a_tampered_confirmation_imports_nothing(editor, process_map):
    checked = check(editor, process_map, csv_file(f"{HEADER}\nA;X;;;;"))
    payload = checked.context["payload"]
    response = editor.post(url("import", process_map), {"payload": payload[:-2], "confirm": "1"})
    assert response.status_code == 302
    assert Step.objects.filter(map=process_map).count() == 3


def test_csv_in_windows_1252_with_semicolons_and_a_bom_are_read(editor, process_map):
    text = f"{HEADER}\nSøker;Sende søknad;5;min;;\n"
    imported(editor, process_map, csv_file(text, encoding="cp1252"))
    imported(editor, process_map, csv_file("\ufeff" + text.replace(";", ","), encoding="utf-8"))
    assert [s[:2] for s in steps_of(process_map)[3:]] == [("Søker", "Sende søknad")] * 2


def test_headers_in_nynorsk_and_any_case_and_spacing(editor, process_map):
    upload = csv_file("SYMJEBANE;aktivitet ;Handsamingstid;Handsamingstid, eining\nA;B;2;timar\n")
    imported(editor, process_map, upload)
    assert steps_of(process_map)[-1] == ("A", "B", 120, 0)


# --- Import: refusals ---------------------------------------------------------------------------


def test_missing_required_columns_are_named(editor, process_map):
    text = refused(editor, process_map, csv_file("Beskrivelse;Ventetid\nx;1\n"))
    assert "Missing columns: Swimlane, Activity." in text


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ("A;B;1;uker;;", "Row 2, column Processing time unit: unknown unit «uker»"),
        ("A;B;2 fortnights;;;", "Row 2, column Processing time: unknown unit «fortnights»"),
        ("A;B;;;-3;", "Row 2, column Waiting time: «-3» cannot be negative"),
        ("A;B;11;år;;", "unknown unit «år»"),
        ("A;B;;;2501;dager", "Row 2, column Waiting time: «2501» is more than ten years"),
        ("A;B;mye;;;", "Row 2, column Processing time: «mye» is not a number"),
        ("A;B;1e400;;;", "«1e400» is more than ten years"),
        ("A;B;1e999999999;;;", "«1e999999999» is more than ten years"),
        ("A;B;NaN;;;", "«NaN» is not a number"),
        ("A;;1;;;", "Row 2, column Activity: must not be empty"),
        (";B;1;;;", "Row 2, column Swimlane: must not be empty"),
        ("A;" + "x" * 121 + ";;;;", "the text is 121 characters long; at most 120"),
        ("A;=1+1;;;;", "Row 2, column Activity: formulas cannot be imported – paste the value"),
    ],
)
def test_bad_rows_are_refused_by_row_and_column(editor, process_map, row, message):
    text = refused(editor, process_map, csv_file(f"{HEADER}\n{row}\n"))
    assert message in text


def test_every_bad_row_is_listed_and_nothing_is_imported(editor, process_map):
    upload = csv_file(
        "Swimlane;Activity;Waiting time;Value class;Waste types;People involved;"
        "Errors / rework (%)\n"
        "A;Fin;1;verdiskapende;venting;2;5\n"
        "A;Fin;1;;;;\n"
        "A;Fin;1;;;;\n"
        "A;Fin;1;;;;\n"
        "A;Fin;1;;;;\n"
        "A;Vent;-3;;;;\n"
        "A;Klasse;1;viktig;;;\n"
        'A;Type;1;;"venting; kaffe";;\n'
        "A;Folk;1;;;0;\n"
        "A;Feil;1;;;;120\n"
        "A;Mange;1;;;1e999999999;\n"
    )
    text = refused(editor, process_map, upload)
    assert "Row 7, column Waiting time: «-3» cannot be negative" in text
    assert "Row 8, column Value class: unknown value class «viktig»" in text
    assert "Row 9, column Waste types: unknown waste type «kaffe»" in text
    assert "Row 10, column People involved: «0» must be a whole number from 1 to 500" in text
    assert "Row 11, column Errors / rework (%): «120» must be a percentage from 0 to 100" in text
    assert "Row 12, column People involved: «1e999999999» must be a whole number" in text
    assert "Nothing was imported." in text


def test_the_row_errors_are_the_list_and_the_general_sentence_plain_text(editor, process_map):
    upload = csv_file("Swimlane;Activity;Waiting time\nA;Vent;-3\n")
    text = refused(editor, process_map, upload)
    summary = re.search(r'<div class="error-summary".*?</div>', text).group(0)
    assert re.search(r"<p[^>]*>Nothing was imported\. Correct these rows", summary)
    assert "<a" not in summary  # no field to jump to: the rows are in the file
    rows = re.search(r'<ul class="import-errors">(.*?)</ul>', summary).group(1)
    assert "Row 2, column Waiting time" in rows
    assert 'aria-invalid="true"' in text


def test_the_check_writes_each_time_in_its_unit(editor, process_map):
    upload = csv_file(
        "Swimlane;Activity;Processing time;Waiting time\n"
        "A;En;1 time;1 dag\n"
        "A;To;2,5 timer;3 dager\n"
        "A;Tre;30 min;\n"
    )
    checked = check(editor, process_map, upload)
    preview = {
        row["title"]: (row["processing"], row["waiting"]) for row in checked.context["preview"]
    }
    assert preview == {
        "En": ("1 hour", "1 working day"),
        "To": ("2.5 hours", "3 working days"),
        "Tre": ("30 min", "0 working days"),
    }


def test_formulas_in_xlsx_are_refused_with_row_and_column(editor, process_map):
    upload = xlsx_file(
        [
            ["Svømmebane", "Aktivitet", "Behandlingstid"],
            ["A", "Fin", 1],
            ["A", "Fin", 2],
            ["A", "Regne", "=B2*2"],
        ]
    )
    text = refused(editor, process_map, upload)
    assert (
        "Row 4, column Behandlingstid: formulas cannot be imported – paste the value instead"
        in text
    )


def test_xlsx_dates_and_booleans_are_not_numbers(editor, process_map):
    import datetime

    upload = xlsx_file(
        [
            ["Swimlane", "Activity", "Processing time", "People involved"],
            ["A", "Dato", datetime.date(2026, 3, 2), None],
            ["A", "Sant", 1, True],
        ]
    )
    text = refused(editor, process_map, upload)
    assert "Row 2, column Processing time: «2026-03-02 00:00:00» is not a number" in text
    assert "Row 3, column People involved: «True» is not a number" in text


def test_xlsx_numbers_and_texts_are_read(editor, process_map):
    upload = xlsx_file(
        [
            [None],
            ["Swimlane", "Activity", "Processing time", "Processing time unit", "People involved"],
            ["A", "Fin", 1.5, "timer", 3],
            ["A", "Tekst", "2 timer", None, None],
        ]
    )
    assert imported(editor, process_map, upload).status_code == 302
    assert steps_of(process_map)[-2:] == [("A", "Fin", 90, 0), ("A", "Tekst", 120, 0)]


def test_more_steps_than_the_map_holds_says_how_many(editor, process_map):
    rows = "".join(f"A;Steg {n};;;;\n" for n in range(MAX_STEPS - 2))
    text = refused(editor, process_map, csv_file(f"{HEADER}\n{rows}"))
    assert (
        f"The file has {MAX_STEPS - 2} steps, but the map has room for only {MAX_STEPS - 3} "
        f"more (it has 3 of at most {MAX_STEPS})." in text
    )


def test_ten_thousand_rows_are_refused_at_once(editor, process_map):
    rows = "".join(f"A;Steg {n};1;timer;2;dager\n" for n in range(10_000))
    upload = csv_file(f"{HEADER}\n{rows}")
    started = time.perf_counter()
    text = refused(editor, process_map, upload)
    assert time.perf_counter() - started < 5
    assert f"The file has more than {MAX_STEPS} steps" in text


def test_ten_thousand_rows_of_xlsx_are_read_no_further_than_needed(monkeypatch):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Swimlane", "Activity"])
    for n in range(10_000):
        sheet.append(["A", f"Steg {n}"])
    out = io.BytesIO()
    workbook.save(out)
    read = []
    original = transfer._Reader.read

    def counting(self, number, cells, parsed):
        read.append(number)
        return original(self, number, cells, parsed)

    monkeypatch.setattr(transfer._Reader, "read", counting)
    with translation.override("en"), pytest.raises(transfer.ImportRefused) as refusal:
        transfer.read_steps("stort.xlsx", out.getvalue())
    assert "more than 300 steps" in refusal.value.messages[0]
    assert len(read) == MAX_STEPS


def test_too_many_new_swimlanes_are_refused(editor, process_map):
    rows = "".join(f"Bane {n};Steg;;;;\n" for n in range(19))
    text = refused(editor, process_map, csv_file(f"{HEADER}\n{rows}"))
    assert "The map would get 21 swimlanes; a map has at most 20." in text


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (SimpleUploadedFile("steg.xlsx", b"not a zip at all"), "could not be read as an Excel"),
        (SimpleUploadedFile("steg.xls", b"\xd0\xcf\x11\xe0"), "Save the sheet as Excel workbook"),
        (SimpleUploadedFile("steg.pdf", b"%PDF-1.7"), "Only CSV and Excel (.xlsx) files"),
        (SimpleUploadedFile("steg.csv", b""), "The submitted file is empty."),
        (SimpleUploadedFile("steg.csv", b"\n\n ;\n"), "The file is empty."),
        (SimpleUploadedFile("steg.csv", HEADER.encode()), "no steps below the header row"),
        (
            SimpleUploadedFile("steg.csv", b"Swimlane;Activity;Lane\nA;B;C\n"),
            "The column Swimlane appears twice",
        ),
        (
            SimpleUploadedFile("steg.csv", b"x" * (transfer.MAX_FILE_BYTES + 1)),
            "The file is larger than 2 MB.",
        ),
    ],
)
def test_files_that_cannot_be_read_are_refused(editor, process_map, upload, message):
    assert message in refused(editor, process_map, upload)


def test_a_zip_that_is_not_a_workbook_is_refused(editor, process_map):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("hello.txt", "hei")
    text = refused(editor, process_map, SimpleUploadedFile("steg.xlsx", out.getvalue()))
    assert "could not be read as an Excel workbook" in text


def test_a_posted_form_without_a_file_asks_for_one(editor, process_map):
    response = editor.post(url("import", process_map), {"token": "x"})
    assert response.status_code == 200
    assert "This field is required." in response.content.decode()


def test_the_import_page_explains_the_columns_and_links_the_templates(editor, process_map):
    page = editor.get(url("import", process_map)).content.decode()
    assert url("import_template", process_map, "xlsx") in page
    assert url("import_template", process_map, "csv") in page
    assert "Processing time unit" in page and "Required" in page


# --- The service ------------------------------------------------------------------------------


def test_import_steps_validates_every_row_before_saving(process_map):
    rows = [
        {"lane": "Ny", "title": "Fin", "processing_minutes": 1},
        {"lane": "Ny", "title": "Feil", "processing_minutes": MAX_MINUTES + 1},
    ]
    with pytest.raises(services.ValidationError):
        services.import_steps(process_map, rows, by=None)
    assert Step.objects.filter(map=process_map).count() == 3
    assert not Lane.objects.filter(name="Ny").exists()
    assert not MapChange.objects.exists()


def test_import_steps_is_one_change_that_conflicts_with_stale_edits(process_map):
    step = Step.objects.filter(map=process_map).first()
    services.import_steps(process_map, [{"lane": "Ny", "title": "Fin"}], by=None)
    with pytest.raises(services.StaleMap):
        services.edit_step(step, version=1, by=None, title="Gammel")


def test_import_steps_refuses_more_than_the_map_holds(process_map):
    rows = [{"lane": "A", "title": f"{n}"} for n in range(MAX_STEPS - 2)]
    with pytest.raises(services.ValidationError):
        services.import_steps(process_map, rows, by=None)
    assert Step.objects.filter(map=process_map).count() == 3


# --- Access -------------------------------------------------------------------------------------


def test_an_observer_may_export_but_not_import(client, cast, project, process_map):
    observer = MembershipFactory(organisation=cast.organisation).user
    TeamMemberFactory(project=project, user=observer, role=ProjectRole.OBSERVER)
    client.force_login(observer)
    assert client.get(url("export", process_map, "csv")).status_code == 200
    assert client.get(url("export", process_map, "xlsx")).status_code == 200
    assert client.get(url("import_template", process_map, "xlsx")).status_code == 200
    assert client.get(url("import", process_map)).status_code == 403
    upload = csv_file(f"{HEADER}\nA;B;;;;")
    assert client.post(url("import", process_map), {"file": upload}).status_code == 403
    assert Step.objects.filter(map=process_map).count() == 3


def test_an_outsider_gets_404_for_the_export(client, cast, process_map):
    client.force_login(cast.outsider)
    assert client.get(url("export", process_map, "csv")).status_code == 404
