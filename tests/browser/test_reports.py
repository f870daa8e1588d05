"""Asking for a report in Chromium: the page shows it waiting, then its
download link, without a reload; axe on every state."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from reports import document, services
from reports.models import Report, Status
from tests.factories import SAMPLE_PDF, ReportFactory
from tests.reports.conftest import broker

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def english(ui, live_server, password):
    def log_in(user):
        ui.log_in(user.email, password)
        ui.page.context.add_cookies(
            [{"name": "django_language", "value": "en", "url": live_server.url}]
        )

    return log_in


@pytest.fixture
def worker_later(monkeypatch, settings, tmp_path):
    """Messages go to an in-memory broker that no worker reads; the test
    makes the report itself when it chooses (``services.make_report``)."""
    settings.REPORTS_ROOT = tmp_path
    monkeypatch.setattr(document, "render", lambda subject: SAMPLE_PDF)
    with broker("memory://"):
        yield


def test_a_report_asked_for_shows_waiting_then_its_download_link_without_a_reload(
    ui, english, cast, project, worker_later
):
    ReportFactory(project=project, kind="status", done=True, requested_by=cast.leader)
    english(cast.facilitator)
    ui.visit(reverse("reports:project", args=[project.organisation.slug, project.pk]))
    page = ui.page
    ui.check("reports-project")
    page.evaluate("window.__notReloaded = true")

    page.get_by_label("Final report").check()
    page.get_by_label("Language of the report").select_option("nn")
    page.get_by_role("button", name="Make the report").click()

    status = page.locator(".report-status--queued")
    expect(status).to_contain_text("In the queue")
    expect(page.get_by_role("status").filter(has_text="on its way")).to_be_visible()
    report = Report.objects.get(status=Status.QUEUED)
    assert (report.kind, report.language) == ("final", "nn")
    ui.check("reports-waiting")

    services.make_report(report.pk, task_id="browser-test", heartbeat=False)

    row = page.locator(f"#report-{report.pk}")
    link = row.get_by_role("link", name="Download PDF")
    expect(link).to_be_visible(timeout=10_000)
    assert page.evaluate("window.__notReloaded") is True
    expect(row.locator("[hx-trigger]")).to_have_count(0)  # the polling stopped
    ui.check("reports-done")

    with page.expect_download() as download:
        link.click()
    assert download.value.suggested_filename.endswith(".pdf")
    assert project.title in download.value.suggested_filename


def test_a_second_click_points_at_the_running_report(ui, english, cast, project, worker_later):
    english(cast.facilitator)
    ui.visit(reverse("reports:project", args=[project.organisation.slug, project.pk]))
    page = ui.page
    button = page.get_by_role("button", name="Make the report")
    button.click()
    expect(page.locator(".report-status--queued")).to_have_count(1)
    page.get_by_role("button", name="Make the report").click()

    expect(page.get_by_role("status").filter(has_text="already being made")).to_be_visible()
    expect(page.locator(".report-status--queued")).to_have_count(1)
    assert Report.objects.count() == 1
    ui.check()


def test_the_portfolio_page_explains_a_bad_date_and_asks_for_the_period(
    ui, english, cast, worker_later
):
    english(cast.leader)
    ui.visit(reverse("reports:organisation", args=[cast.organisation.slug]))
    page = ui.page

    # (Playwright's screenshot leaves style="" on inputs as it hides their caret,
    # and htmx copies it onto the refused form it swaps in: a CSP report that
    # no person would cause. The check with a screenshot comes after.)
    page.get_by_label("From").fill("31.02.2026")
    page.get_by_role("button", name="Make the report").click()
    expect(page.get_by_role("alert")).to_contain_text("Give a date that exists, as day.month.year")
    ui.check("reports-portfolio-error")

    page.get_by_label("From").fill("01.01.2026")
    page.get_by_role("button", name="Make the report").click()
    expect(page.locator(".report-status--queued")).to_have_count(1)
    report = Report.objects.get()
    ui.visit(report.get_absolute_url())  # the report's own page, as without JavaScript
    expect(page.get_by_text("In the queue")).to_be_visible()
    ui.check("reports-portfolio-report")
