"""Exports of ideas and actions: contents, CSV as Excel in Norway reads it,
no formula injection, anonymous proposers kept anonymous."""

import csv
import io
from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from ideas.models import ActionStatus, Stage
from tests.factories import ActionFactory, IdeaFactory, UserFactory

pytestmark = pytest.mark.django_db


def export_url(project, fmt, kind=""):
    url = reverse("ideas:export", args=[project.organisation.slug, project.pk, fmt])
    return url + (f"?kind={kind}" if kind else "")


@pytest.fixture
def filled(project, cast):
    named = UserFactory(full_name="Nora Navn")
    hidden = UserFactory(full_name="Hemmelig Person")
    idea = IdeaFactory(
        project=project,
        title='=HYPERLINK("http://x")',
        proposed_by=named,
        stage=Stage.SELECT,
        effect=4,
        effort=2,
        kind="test",
        owner=cast.facilitator,
        due_date=date(2026, 11, 26),
        expected_hours=Decimal("12.5"),
        expected_nok=Decimal("1000"),
    )
    IdeaFactory(project=project, title="Anonym idé", proposed_by=hidden, anonymous=True)
    ActionFactory(
        project=project,
        idea=idea,
        what="+SUM(A1)",
        owner=cast.facilitator,
        due_date=date(2026, 12, 1),
        status=ActionStatus.IN_PROGRESS,
    )
    return project


def csv_text(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert response.content.startswith("\ufeff".encode())
    return response.content.decode("utf-8-sig")


def test_ideas_csv_has_bom_semicolons_decimal_commas_and_no_formulas(client_for, cast, filled):
    client = client_for(cast.facilitator)
    client.cookies["django_language"] = "nb"
    text = csv_text(client, export_url(filled, "csv"))
    lines = text.splitlines()
    assert lines[0].startswith("Idea;") or ";" in lines[0]
    row = next(line for line in lines if "HYPERLINK" in line)
    assert "'=HYPERLINK" in row
    assert ";12,5;" in row and "26.11.2026" in row
    assert "Nora Navn" in row and "Vera Veileder" in row
    assert "Hemmelig Person" not in text


def test_actions_csv_is_the_action_plan(client_for, cast, filled):
    text = csv_text(client_for(cast.facilitator), export_url(filled, "csv", "actions"))
    header, row = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert len(header) == 5
    assert row == ["'+SUM(A1)", "Vera Veileder", "01.12.2026", "Pågår", '\'=HYPERLINK("http://x")']


def test_xlsx_has_both_sheets_with_text_never_formulas(client_for, cast, filled):
    from openpyxl import load_workbook

    response = client_for(cast.facilitator).get(export_url(filled, "xlsx"))
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(response.content))
    ideas, actions = book.worksheets
    values = [[cell.value for cell in row] for row in ideas.iter_rows()]
    assert len(values) == 3
    titles = [row[0] for row in values[1:]]
    assert '\'=HYPERLINK("http://x")' in titles
    assert all(cell.data_type != "f" for row in ideas.iter_rows() for cell in row)
    anonymous = next(row for row in values if row[0] == "Anonym idé")
    assert "Hemmelig" not in " ".join(str(v) for v in anonymous if v)
    assert next(actions.iter_rows(min_row=2))[0].value == "'+SUM(A1)"


def test_an_unknown_format_is_not_found(client_for, cast, project):
    assert client_for(cast.facilitator).get(export_url(project, "pdf")).status_code == 404
