"""The demo project's reports, rendered once for the module: the final report
holds the numbers the app's pages show, is a tagged PDF with a title, a
language and an Alt text on every figure, and renders in nynorsk and English;
the status and portfolio reports render through the same machinery.

The demo is seeded inside a transaction that is rolled back when the module's
reports are made, so no other test sees it.
"""

import os
import re
from collections import Counter
from dataclasses import dataclass, field

import pytest
from django.core.management import call_command
from django.db import transaction
from django.utils import translation
from django.utils.translation import ngettext

from accounts.models import Organisation
from feedback.models import Form
from feedback.results import form_results
from ideas.benefits import benefits
from ideas.models import Idea, Stage
from processes import formatting, metrics
from processes.models import ProblemNote, ProcessMap, Step, WasteType
from projects.models import Project
from reports import document, pdf
from reports.sections import assemble
from tests.reports.pdftools import flat, open_pdf, struct_elements, text

DEMO = "Raskere byggesak"
# The test database is made for the module's reports (which need it only in their fixture).
pytestmark = pytest.mark.django_db


@dataclass
class Rendered:
    pdf: bytes
    html: str
    pages: int
    text: str = ""
    title: str = ""


@dataclass
class Demo:
    reports: dict[str, Rendered] = field(default_factory=dict)
    expected: dict = field(default_factory=dict)


def _render(subject) -> Rendered:
    html = document.html(subject)
    laid_out = pdf.lay_out(html)
    data = pdf.write(laid_out)
    with translation.override(subject.language):
        title = assemble(subject).title
    return Rendered(data, html, laid_out.pages, text(data), title)


def _expected(project) -> dict:
    """The figures as the pages compute them (processes' analysis page,
    feedback's results page, the ideas' board and benefits page)."""
    current = ProcessMap.objects.get(project=project, kind="current")
    steps = list(Step.objects.filter(map=current).order_by("order", "pk"))
    notes = {}
    for note in ProblemNote.objects.filter(step__map=current):
        notes.setdefault(note.step_id, []).append(note.waste_type)
    figures = metrics.compute(steps, yearly_volume=current.yearly_volume, note_waste_types=notes)
    form = Form.objects.get(project=project, status="open")
    results = form_results(form, list(form.questions.all()))
    ideas = list(Idea.objects.filter(project=project))
    total = benefits(ideas)
    labels = dict(WasteType.choices)
    return {
        "lead_time": str(formatting.working_days(figures.lead_days)),
        "flow": str(formatting.percent(figures.flow_percent)),
        "hand_offs": figures.hand_offs,
        "waste": {
            str(labels[code]): str(formatting.duration(waste.minutes))
            for code, waste in figures.waste_by_type.items()
            if waste.minutes
        },
        "answers": ngettext("%(count)s answer", "%(count)s answers", results.total)
        % {"count": results.total},
        "stages": {
            str(Stage(stage).label): count
            for stage, count in Counter(idea.stage for idea in ideas).items()
        },
        "ideas": len(ideas),
        "expected_hours": str(formatting.hours_per_year(total.expected.hours)),
        "realised_hours": str(formatting.hours_per_year(total.realised.hours)),
        "expected_nok": formatting.number(total.expected.nok, 0),
        "expected_ftes": str(formatting.ftes(total.expected.ftes)),
    }


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker) -> Demo:
    made = Demo()
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("seed_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
        organisation = Organisation.objects.get(slug="eksempel-kommune")
        project = Project.objects.get(organisation=organisation, title=DEMO)
        with translation.override("nb"):
            made.expected = _expected(project)
        for name, kind, language, subject_project in (
            ("final", "final", "nb", project),
            ("final-nn", "final", "nn", project),
            ("status-en", "status", "en", project),
            ("portfolio", "portfolio", "nb", None),
        ):
            subject = document.Subject(kind, language, organisation, subject_project)
            made.reports[name] = _render(subject)
        transaction.set_rollback(True)
    return made


@pytest.fixture
def final(demo) -> Rendered:
    return demo.reports["final"]


def test_the_final_report_shows_the_maps_lead_time_and_flow_efficiency(demo, final):
    assert flat(demo.expected["lead_time"]) in final.text
    assert flat(demo.expected["flow"]) in final.text


def test_the_final_report_shows_the_waste_by_type_in_time_per_case(demo, final):
    assert demo.expected["waste"]
    for label, time in demo.expected["waste"].items():
        # The table's row: the type, its steps and problems, its time per case.
        row = rf"{re.escape(flat(label))} \d+ \d+ {re.escape(flat(time))}"
        assert re.search(row, final.text), label


def test_the_final_report_shows_the_number_of_answers(demo, final):
    assert flat(demo.expected["answers"]) in final.text


def test_the_final_report_counts_the_ideas_per_stage(demo, final):
    assert len(demo.expected["stages"]) == len(Stage.values)
    for label, count in demo.expected["stages"].items():
        assert re.search(rf"{re.escape(flat(label))} {count} K\d+", final.text), label


def test_the_final_report_shows_the_expected_and_realised_benefit(demo, final):
    for key in ("expected_hours", "realised_hours", "expected_nok", "expected_ftes"):
        assert flat(demo.expected[key]) in final.text, key


def test_the_demo_final_report_is_about_twenty_pages(final):
    assert 16 <= final.pages <= 30


def test_the_final_report_is_a_tagged_pdf_with_language_and_title(final):
    with open_pdf(final.pdf) as document_:
        assert str(document_.Root.Lang) == "nb"
        assert document_.Root.ViewerPreferences.DisplayDocTitle is True
        assert "/StructTreeRoot" in document_.Root
        assert document_.Root.MarkInfo.Marked is True
        assert str(document_.docinfo["/Title"]) == final.title
        assert "Raskere byggesak" in final.title


def test_every_figure_of_the_final_report_has_an_alt_text(final):
    with open_pdf(final.pdf) as document_:
        figures = [e for e in struct_elements(document_) if str(e.S) == "/Figure"]
        # The map in parts, the charts, the matrix and the goals' trends.
        assert len(figures) >= 12
        assert all(str(figure.get("/Alt", "")).strip() for figure in figures)


def test_every_inline_svg_of_the_final_report_begins_with_a_title(final):
    svgs = re.findall(r"<svg\b[^>]*>\s*(<[a-z]+)", final.html)
    assert svgs and set(svgs) == {"<title"}


def test_every_reference_leads_to_an_entry_of_the_appendix(final):
    targets = set(re.findall(r'href="#([^"]+)"', final.html))
    anchors = set(re.findall(r'id="([^"]+)"', final.html))
    assert {t for t in targets if t.startswith("source-")}
    assert targets <= anchors


def test_the_final_report_has_a_contents_with_page_numbers(final):
    # «1 Sammendrag …… 4»: the contents' entries end with the page they are on.
    contents = final.text.split("1 Sammendrag", 1)[1][:2000]
    assert re.search(r"\.{5,} ?\d+", contents)


def test_the_final_report_renders_in_nynorsk(demo):
    nynorsk = demo.reports["final-nn"]
    with open_pdf(nynorsk.pdf) as document_:
        assert str(document_.Root.Lang) == "nn"
    assert flat(demo.expected["lead_time"].split()[0]) in nynorsk.text


def test_the_status_report_renders_in_english_with_fewer_chapters(demo, final):
    status = demo.reports["status-en"]
    with open_pdf(status.pdf) as document_:
        assert str(document_.Root.Lang) == "en"
    assert status.pages < final.pages
    assert "Where the project stands" in status.text
    assert "Action plan" in status.text
    assert "Current state" not in status.text


def test_the_portfolio_report_has_a_table_per_project(demo):
    portfolio = demo.reports["portfolio"]
    for title in ("Raskere byggesak", "Utskrivningsklare pasienter", "Varebestilling"):
        assert title in portfolio.text
    assert flat(demo.expected["expected_hours"]) in portfolio.text
