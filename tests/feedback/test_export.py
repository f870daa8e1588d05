"""Exports: one row per response, one column per question, streamed and safe to open."""

import csv
import io
from datetime import date, timedelta

import openpyxl
import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db import connection
from django.http import StreamingHttpResponse
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from feedback.models import ContactRequest
from klean.spreadsheet import neutralise
from projects.models import Activity
from tests.factories import ContactRequestFactory
from tests.feedback.results_data import respond, results_form

DAY = date(2026, 3, 2)
HOSTILE = ['=HYPERLINK("http://x")', "+1+2", "-3", "@SUM(A1)", "\tfane", "\rretur", "\nny"]


@pytest.fixture
def survey(project):
    return results_form(project)


def nb(msgid):
    with translation.override("nb"):
        return gettext(msgid)


def export_url(form, fmt):
    return reverse("feedback:export", args=[form.project.organisation.slug, form.pk, fmt])


def fill(form, q, n=5, text="Lang ventetid"):
    for i in range(n):
        respond(
            form,
            q,
            on=DAY + timedelta(days=i % 3),
            language="nn" if i % 2 else "nb",
            score=i % 5 + 1,
            helped=i % 2,
            single=i % 3,
            multiple=[2, 0] if i % 2 else [1],
            text=text if i else HOSTILE[0],
        )


def body(response) -> bytes:
    assert isinstance(response, StreamingHttpResponse)
    return b"".join(response.streaming_content)


def test_csv_has_a_bom_semicolons_labels_and_a_column_per_question(client_for, cast, survey):
    form, q = survey
    fill(form, q)
    response = client_for(cast.facilitator).get(export_url(form, "csv"))
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    data = body(response)
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][2:] == [
        "Hvor fornøyd er du?",
        "Fikk du svar?",
        "Fikk du hjelp?",
        "Hvordan tok du kontakt?",
        "Hva er viktig for deg?",
    ]
    assert len(rows) == 6
    # By week: the day is not given, nor the time of day.
    assert rows[0][:2] == [nb("Week"), nb("Language")]
    assert {row[0] for row in rows[1:]} == {nb("%(year)s-W%(week)02d") % {"year": 2026, "week": 10}}
    # Three in bokmål and two in nynorsk: each too few to be named.
    assert {row[1] for row in rows[1:]} == {nb("other")}
    multiple = {row[5] for row in rows[1:]}
    assert multiple == {"E-post", "Telefon; Oppmøte"}
    assert {row[4] for row in rows[1:]} == {"Ja", "Delvis", "Nei"}
    assert sorted(row[2] for row in rows[1:]) == ["1", "2", "3", "4", "5"]


@pytest.mark.parametrize("text", HOSTILE)
def test_csv_cells_cannot_run_as_formulas(client_for, cast, survey, text):
    form, q = survey
    fill(form, q, text=text)
    data = body(client_for(cast.facilitator).get(export_url(form, "csv"))).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(data), delimiter=";"))
    texts = [row[6] for row in rows[1:]]
    assert texts and all(cell.startswith("'") for cell in texts)


def test_neutralise():
    assert neutralise("=1+1") == "'=1+1"
    assert neutralise("Helt greit") == "Helt greit"
    assert neutralise("a\x00b\x07") == "ab"
    assert neutralise(4) == 4


def test_xlsx_opens_with_strings_dates_and_numbers(client_for, cast, survey):
    form, q = survey
    fill(form, q, n=6, text="=cmd|' /C calc'!A0\x07")
    response = client_for(cast.facilitator).get(export_url(form, "xlsx"))
    assert response["Content-Type"].startswith(
        "application/vnd.openxmlformats-officedocument.spreadsheetml"
    )
    book = openpyxl.load_workbook(io.BytesIO(body(response)))
    sheet = book.worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    assert len(rows) == 7
    assert rows[0][2] == "Hvor fornøyd er du?"
    assert rows[1][0] == nb("%(year)s-W%(week)02d") % {"year": 2026, "week": 10}
    assert isinstance(rows[1][2], int)
    for row in sheet.iter_rows(min_row=2, min_col=7, max_col=7):
        cell = row[0]
        assert cell.data_type == "s"
        assert "\x07" not in cell.value
    assert {r[6] for r in rows[1:]} == {"=cmd|' /C calc'!A0", HOSTILE[0]}
    notes = book.worksheets[1]
    assert notes["A1"].value and notes["B1"].value == form.title


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_export_is_logged_on_the_timeline(client_for, cast, survey, fmt):
    form, q = survey
    fill(form, q)
    body(client_for(cast.facilitator).get(export_url(form, fmt)))
    event = Activity.objects.get(kind="feedback.answers_exported")
    assert event.data == {"form": form.title, "format": fmt.upper()}
    assert event.actor == cast.facilitator


def test_expired_free_text_is_left_out(client_for, cast, project):
    form, q = results_form(project, retention_days=30)
    for i in range(5):
        respond(form, q, on=DAY - timedelta(days=400), score=3, text=f"Gammelt {i}")
    data = body(client_for(cast.facilitator).get(export_url(form, "csv"))).decode("utf-8-sig")
    assert "Gammelt" not in data


def test_fewer_than_five_responses_are_not_exported(client_for, cast, survey):
    form, q = survey
    fill(form, q, n=4)
    response = client_for(cast.facilitator).get(export_url(form, "csv"))
    assert response.status_code == 302
    assert not Activity.objects.filter(kind="feedback.answers_exported").exists()


def test_an_unknown_format_is_404(client_for, cast, survey):
    form, q = survey
    fill(form, q)
    assert client_for(cast.facilitator).get(export_url(form, "pdf")).status_code == 404


def test_a_member_cannot_export(client_for, cast, project, survey):
    from tests.feedback.results_data import on_team

    form, q = survey
    fill(form, q)
    member = on_team(project, cast.employee)
    assert client_for(member).get(export_url(form, "csv")).status_code == 403


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_export_queries_do_not_grow_with_the_responses(client_for, cast, survey, fmt):
    form, q = survey
    client = client_for(cast.facilitator)
    counts = []
    for n in (10, 190):  # 10, then 200 in all
        fill(form, q, n=n)
        cache.clear()
        ContentType.objects.clear_cache()
        with CaptureQueriesContext(connection) as queries:
            response = client.get(export_url(form, fmt))
            body(response)
        counts.append(len(queries))
    assert counts[0] == counts[1]
    # session and user, form, response count, questions, timeline (content type, insert),
    # then the answers in one query
    assert counts[0] <= 9, counts


# --- Contact requests ---------------------------------------------------------------------


def test_contacts_are_listed_and_deleted_after_asking(client_for, cast, survey):
    form, _q = survey
    first = ContactRequestFactory(form=form, email="kari@example.com")
    ContactRequestFactory(form=form, email="ola@example.com")
    client = client_for(cast.facilitator)
    org = cast.organisation.slug
    page = client.get(reverse("feedback:contacts", args=[org, form.pk])).content.decode()
    assert "kari@example.com" in page and "ola@example.com" in page

    delete = reverse("feedback:contact_delete", args=[org, first.pk])
    assert client.get(delete).status_code == 200
    assert ContactRequest.objects.count() == 2
    assert client.post(delete).status_code == 302
    assert list(ContactRequest.objects.values_list("email", flat=True)) == ["ola@example.com"]

    delete_all = reverse("feedback:contacts_delete_all", args=[org, form.pk])
    assert client.get(delete_all).status_code == 200
    assert client.post(delete_all).status_code == 302
    assert not ContactRequest.objects.exists()


def test_a_member_cannot_read_contacts(client_for, cast, project, survey):
    from tests.feedback.results_data import on_team

    form, _q = survey
    member = on_team(project, cast.employee)
    url = reverse("feedback:contacts", args=[cast.organisation.slug, form.pk])
    assert client_for(member).get(url).status_code == 403
