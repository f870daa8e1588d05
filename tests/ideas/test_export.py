"""Exports of ideas and actions: streamed, contents, CSV as Excel in Norway
reads it, no formula injection, anonymous proposers kept anonymous, a fixed
number of queries."""

import csv
import io
from datetime import date
from decimal import Decimal

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db import connection
from django.http import StreamingHttpResponse
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ideas.models import ActionStatus, Stage
from tests.factories import ActionFactory, IdeaFactory, TeamMemberFactory, UserFactory

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


def body(response) -> bytes:
    """The whole file, from a response that streams it."""
    assert response.status_code == 200
    assert isinstance(response, StreamingHttpResponse)
    assert "attachment" in response["Content-Disposition"]
    return b"".join(response.streaming_content)


def csv_text(client, url):
    response = client.get(url)
    assert response["Content-Type"].startswith("text/csv")
    content = body(response)
    assert content.startswith("\ufeff".encode())
    return content.decode("utf-8-sig")


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
    assert response["Content-Type"].startswith(
        "application/vnd.openxmlformats-officedocument.spreadsheetml"
    )
    book = load_workbook(io.BytesIO(body(response)))
    ideas, actions = book.worksheets
    values = [[cell.value for cell in row] for row in ideas.iter_rows()]
    assert len(values) == 3
    titles = [row[1] for row in values[1:]]
    assert '\'=HYPERLINK("http://x")' in titles
    assert all(cell.data_type != "f" for row in ideas.iter_rows() for cell in row)
    anonymous = next(row for row in values if row[1] == "Anonym idé")
    assert "Hemmelig" not in " ".join(str(v) for v in anonymous if v)
    assert next(actions.iter_rows(min_row=2))[0].value == "'+SUM(A1)"
    row = next(row for row in values if str(row[1]).startswith("'="))
    assert row[15].date() == date(2026, 11, 26) and row[16] == 12.5 and row[11] == 4


def test_control_characters_are_taken_out_of_both_formats(client_for, cast, project):
    IdeaFactory(project=project, title="Bell\x07 og\x0b tab", description="Linje 1\nLinje 2")
    client = client_for(cast.facilitator)
    assert "Bell og tab" in csv_text(client, export_url(project, "csv"))
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(body(client.get(export_url(project, "xlsx")))))
    row = [cell.value for cell in book.worksheets[0][2]]
    assert row[1:3] == ["Bell og tab", "Linje 1\nLinje 2"]


def test_the_first_bytes_leave_before_the_rows_are_read(client_for, cast, filled):
    client = client_for(cast.facilitator)
    for fmt in ("csv", "xlsx"):
        with CaptureQueriesContext(connection) as queries:
            response = client.get(export_url(filled, fmt))
            first = next(iter(response.streaming_content))
        assert first.startswith("\ufeff".encode() if fmt == "csv" else b"PK"), fmt
        assert not any("ideas_idea" in query["sql"] for query in queries), fmt


@pytest.mark.parametrize("n", [1, 20])
@pytest.mark.parametrize("fmt", ["csv", "csv?kind=actions", "xlsx"])
def test_the_export_costs_the_same_queries_for_1_and_20_rows(client_for, cast, project, n, fmt):
    for _ in range(n):
        owner = TeamMemberFactory(project=project).user
        idea = IdeaFactory(project=project, proposed_by=UserFactory(), owner=owner)
        ActionFactory(project=project, idea=idea, owner=owner)
    client = client_for(cast.facilitator)
    fmt, _sep, kind = fmt.partition("?kind=")
    cache.clear()
    ContentType.objects.clear_cache()
    with CaptureQueriesContext(connection) as queries:
        body(client.get(export_url(project, fmt, kind)))
    # The session, the user, the project with the viewer's place on its team;
    # then per table: the ideas with their proposers, owners, votes and
    # reasons, and their steps (one query per 2,000 ideas); the actions with
    # their owners and ideas.
    expected = {"xlsx": 6, "csv": 4 if kind == "actions" else 5}[fmt]
    assert len(queries) == expected, [q["sql"][:80] for q in queries]


def test_an_unknown_format_is_not_found(client_for, cast, project):
    assert client_for(cast.facilitator).get(export_url(project, "pdf")).status_code == 404


def test_ideas_come_in_pipeline_order_with_reason_votes_waste_and_steps(client_for, cast, project):
    from ideas import stages
    from tests.factories import LaneFactory, ProcessMapFactory, StepFactory, VoteFactory

    process_map = ProcessMapFactory(project=project)
    step = StepFactory(map=process_map, lane=LaneFactory(map=process_map), title="Registrere")
    parked = IdeaFactory(project=project, title="Parkert", waste_types=["waiting"])
    stages.move(parked, Stage.PARKED, by=cast.facilitator, note="Venter på budsjett")
    chosen = IdeaFactory(project=project, title="Valgt", stage=Stage.SELECT)
    chosen.steps.add(step)
    VoteFactory.create_batch(2, idea=chosen)
    IdeaFactory(project=project, title="Ny", stage=Stage.COLLECT)
    client = client_for(cast.facilitator)
    client.cookies["django_language"] = "en"
    text = csv_text(client, export_url(project, "csv"))
    header, *rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    column = {name: n for n, name in enumerate(header)}
    assert [row[column["Idea"]] for row in rows] == ["Ny", "Valgt", "Parkert"]
    assert rows[2][column["Why parked or rejected"]] == "Venter på budsjett"
    assert rows[2][column["Waste types"]] == "Waiting"
    assert rows[1][column["Votes"]] == "2"
    assert rows[1][column["Process steps"]] == f"{step.order}. Registrere"


def test_an_idea_has_the_same_number_in_the_export_and_on_its_page(client_for, cast, project):
    first = IdeaFactory(project=project, title="Først")
    second = IdeaFactory(project=project, title="Så", stage=Stage.SELECT)
    client = client_for(cast.facilitator)
    client.cookies["django_language"] = "en"
    text = csv_text(client, export_url(project, "csv"))
    _header, *rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    numbers = {row[1]: row[0] for row in rows}
    assert numbers == {"Først": "1", "Så": "2"}
    page = client.get(reverse("ideas:idea", args=[project.organisation.slug, second.pk]))
    assert "Idea no. 2" in page.content.decode()
    assert first.pk  # the numbers are the project's, whatever the ids
