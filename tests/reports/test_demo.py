"""The demo ends with a finished final report for the finished project."""

import pytest
from django.core.management import call_command

from reports import document
from reports.models import Kind, Report, Status
from tests.factories import SAMPLE_PDF


@pytest.fixture
def rendered(monkeypatch):
    """What the render makes is the content's business (tests of
    reports.document); here: that the demo makes one and keeps it."""
    calls = []

    def render(subject):
        calls.append(subject)
        return SAMPLE_PDF

    monkeypatch.setattr(document, "render", render)
    return calls


def test_the_demo_ends_with_the_finished_projects_final_report(db, rendered, reports_root):
    call_command("seed_demo")

    report = Report.objects.get()
    assert report.project.title == "Varebestilling på sykehjemmet"
    assert report.project.status == "finished"
    assert (report.kind, report.language, report.status) == (Kind.FINAL, "nb", Status.DONE)
    assert report.requested_by.email == "veileder@eksempel-kommune.no"
    assert (reports_root / report.file.name).read_bytes() == SAMPLE_PDF
    assert len(rendered) == 1


def test_seeding_again_reuses_the_report_while_the_data_is_unchanged(db, rendered):
    call_command("seed_demo")
    call_command("seed_demo")

    assert Report.objects.filter(status=Status.DONE).count() == 1
    assert len(rendered) == 1
