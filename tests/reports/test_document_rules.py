"""The document's rules: an empty project's report says plainly what is
missing and still renders; the fingerprint changes with what the report
shows and with nothing else; a report past MAX_PAGES is refused before it is
written; every figure names a source."""

from datetime import date
from decimal import Decimal

import pytest

from klean.sections import Figure, Section
from processes.models import ValueClass
from reports import document, pdf, sections
from tests.factories import (
    FormFactory,
    GoalFactory,
    IdeaFactory,
    LaneFactory,
    MeasurementFactory,
    ProcessMapFactory,
    ProjectFactory,
    StepFactory,
)
from tests.reports.pdftools import text

pytestmark = pytest.mark.usefixtures("in_english")


def subject_of(project, kind="final", language="en"):
    return document.Subject(kind, language, project.organisation, project)


def test_a_project_with_no_map_no_form_and_no_ideas_renders_and_says_so(db):
    project = ProjectFactory(title="Tomt prosjekt")
    FormFactory(project=project)  # a form without answers counts as none
    printed = text(document.render(subject_of(project)))
    assert "Tomt prosjekt" in printed
    for plain in (
        "The project has not mapped its current state yet",
        "no current-state map, so there is no future state",
        "The project has no answers to a feedback form yet",
        "The project has no ideas yet",
        "The project has no action plan yet",
        "The project has not set any goals",
        "No one is on the project's team yet",
        "The project has not written down its lessons learned yet",
    ):
        assert plain in printed, plain


def test_a_project_with_a_map_but_no_future_map_says_so(db):
    project = ProjectFactory()
    StepFactory(lane=LaneFactory(map=ProcessMapFactory(project=project)))
    printed = text(document.render(subject_of(project)))
    assert "The project has not mapped a future state yet" in printed
    assert "Current state" in printed


def test_the_empty_status_and_portfolio_reports_render(db):
    project = ProjectFactory()
    assert document.render(subject_of(project, "status")).startswith(b"%PDF")
    empty = ProjectFactory().organisation
    portfolio = document.Subject(
        "portfolio", "en", empty, None, (date(2020, 1, 1), date(2020, 12, 31))
    )
    assert "no projects in the period" in text(document.render(portfolio))


@pytest.fixture
def project(db):
    project = ProjectFactory(title="Raskere byggesak")
    process_map = ProcessMapFactory(project=project)
    lane = LaneFactory(map=process_map)
    StepFactory(map=process_map, lane=lane, value_class=ValueClass.WASTE, waiting_minutes=900)
    StepFactory(map=process_map, lane=lane, value_class=ValueClass.VALUE_ADDING)
    goal = GoalFactory(project=project)
    MeasurementFactory(goal=goal, date=date(2026, 3, 1), value=Decimal(45))
    IdeaFactory(project=project, title="Sjekkliste for vedlegg", stage="select", effort=2, effect=4)
    return project


def test_an_unchanged_project_keeps_its_fingerprint(project):
    first = document.fingerprint(subject_of(project))
    project.save()  # a save that changes nothing shown
    assert document.fingerprint(subject_of(project)) == first
    assert len(first) == 64


@pytest.mark.parametrize(
    "change",
    [
        lambda p: p.ideas.update(title="Sjekkliste for alle vedlegg"),
        lambda p: p.ideas.update(expected_hours=Decimal(120)),
        lambda p: (
            p.process_maps.get().steps.filter(waiting_minutes=900).update(waiting_minutes=450)
        ),
        lambda p: p.goals.get().measurements.update(value=Decimal(31)),
        lambda p: type(p).objects.filter(pk=p.pk).update(mandate="Halvere tiden"),
    ],
    ids=["idea title", "expected hours", "waiting time", "measurement", "mandate"],
)
def test_any_change_to_a_shown_value_changes_the_fingerprint(project, change):
    before = document.fingerprint(subject_of(project))
    change(project)
    project.refresh_from_db()
    assert document.fingerprint(subject_of(project)) != before


def test_the_fingerprint_differs_by_language_kind_and_template_version(project, monkeypatch):
    final = document.fingerprint(subject_of(project))
    assert document.fingerprint(subject_of(project, language="nb")) != final
    assert document.fingerprint(subject_of(project, kind="status")) != final
    monkeypatch.setattr(document, "TEMPLATE_VERSION", "test")
    assert document.fingerprint(subject_of(project)) != final


def test_a_report_past_max_pages_is_refused_before_it_is_written(project, monkeypatch):
    written = []
    monkeypatch.setattr(pdf, "write", lambda rendered: written.append(rendered))
    monkeypatch.setattr(document, "MAX_PAGES", 3)
    with pytest.raises(document.TooManyPages) as refused:
        document.render(subject_of(project))
    assert refused.value.pages > 3
    assert written == []


def test_a_report_within_max_pages_is_written(project, monkeypatch):
    monkeypatch.setattr(document, "MAX_PAGES", 200)
    assert document.render(subject_of(project)).startswith(b"%PDF")


def test_a_figure_that_names_no_source_is_refused(project, monkeypatch):
    def untraceable(subject):
        return [Section("x", "X", 1, figures=(Figure("n", "N", "1", "nowhere"),))]

    monkeypatch.setattr(sections, "contributions", lambda point: [(None, untraceable)])
    with pytest.raises(ValueError, match="names no source"):
        sections.assemble(subject_of(project))


def test_every_figure_of_a_report_has_a_numbered_source_in_the_appendix(project):
    assembled = sections.assemble(subject_of(project))
    numbers = {entry.source.number for entry in assembled.appendix}
    assert numbers == set(range(1, len(numbers) + 1))
    figures = [figure for section in assembled.sections for figure in section.figures]
    assert figures and all(figure.number in numbers for figure in figures)


def test_the_portfolio_summary_adds_up_the_projects_benefits(db):
    first = ProjectFactory(start_date=date(2026, 1, 5), planned_end_date=date(2026, 12, 18))
    second = ProjectFactory(
        organisation=first.organisation,
        start_date=date(2026, 2, 1),
        planned_end_date=date(2026, 10, 1),
    )
    IdeaFactory(project=first, stage="done", expected_hours=100, realised_hours=Decimal("80.5"))
    IdeaFactory(project=second, stage="select", expected_hours=Decimal("1595"))
    IdeaFactory(project=second, stage="parked", expected_hours=999)
    subject = document.Subject(
        "portfolio", "en", first.organisation, None, (date(2026, 1, 1), date(2026, 12, 31))
    )
    cards = {figure.key: figure for figure in sections.assemble(subject).cards}
    assert cards["portfolio-expected-hours"].value.startswith("1,695")
    assert cards["portfolio-realised-hours"].value == "81 h"  # whole hours, as elsewhere
    assert "1.00" in cards["portfolio-expected-hours"].note
