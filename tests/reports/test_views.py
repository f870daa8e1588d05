"""The report pages: asking, following (htmx polling that stops), downloading
(QUALITY.md S9), the portfolio's period, and the links from other pages."""

import re
import time
from datetime import date
from urllib.parse import unquote

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from accounts.models import Role
from reports import document
from reports.models import Failure, Kind, Language, Report, Status
from reports.views import PER_PAGE, download_name
from tests.factories import (
    SAMPLE_PDF,
    MembershipFactory,
    ProjectFactory,
    ReportFactory,
)
from tests.reports.conftest import broker
from tests.test_double_submits import concurrent_db, post_at_once  # noqa: F401 - a fixture

pytestmark = pytest.mark.usefixtures("in_english")

HTMX = {"HX-Request": "true"}
POLLING = 'hx-trigger="every 2s"'


@pytest.fixture(autouse=True)
def quick_render(monkeypatch):
    monkeypatch.setattr(document, "render", lambda subject: SAMPLE_PDF)


def reports_url(project):
    return reverse("reports:project", args=[project.organisation.slug, project.pk])


def ask_url(project):
    return reverse("reports:request", args=[project.organisation.slug, project.pk])


def org_url(organisation):
    return reverse("reports:organisation", args=[organisation.slug])


# --- A project's reports page -------------------------------------------------------------


def test_the_reports_page_lists_reports_with_status_language_and_who_asked(
    client_for, cast, project, member
):
    ReportFactory(project=project, done=True, requested_by=cast.facilitator)
    ReportFactory(project=project, kind=Kind.STATUS, language=Language.NN, requested_by=None)

    response = client_for(member).get(reports_url(project))

    assert response.status_code == 200
    page = response.content.decode()
    assert "Final report" in page and "Status report" in page
    assert "Nynorsk" in page and "Bokmål" in page
    assert "Vera Veileder" in page
    assert "Download PDF" in page and "Waiting" in page
    # A member reads and downloads, and is told who makes the reports.
    assert 'name="kind"' not in page
    assert "process facilitator or process owner makes its reports" in page


def test_the_facilitator_gets_the_form_with_both_kinds_and_three_languages(
    client_for, cast, project
):
    page = client_for(cast.facilitator).get(reports_url(project)).content.decode()

    assert re.search(r'<input type="radio" name="kind" value="final"[^>]*checked', page)
    assert 'value="status"' in page
    for code in ("nb", "nn", "en"):
        assert f'<option value="{code}"' in page
    assert f'hx-post="{ask_url(project)}"' in page


def test_asking_without_javascript_redirects_to_the_list_with_a_message(
    client_for, cast, project, django_capture_on_commit_callbacks
):
    client = client_for(cast.facilitator)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(ask_url(project), {"kind": "status", "language": "en"}, follow=True)

    assert response.redirect_chain == [(reports_url(project), 302)]
    report = Report.objects.get()
    assert (report.kind, report.language, report.requested_by) == ("status", "en", cast.facilitator)
    assert report.status == Status.DONE  # tasks run in-process in tests
    assert "The report is on its way" in response.content.decode()


def test_asking_with_htmx_returns_the_panel_with_the_new_report_polling(
    client_for, cast, project, monkeypatch
):
    monkeypatch.setattr("reports.services.send_report", lambda report_id: True)
    response = client_for(cast.facilitator).post(
        ask_url(project), {"kind": "final", "language": "nb"}, headers=HTMX
    )

    assert response.status_code == 200
    page = response.content.decode()
    assert "<html" not in page
    assert page.lstrip().startswith('<div id="reports-list"')
    assert 'name="kind"' not in page  # the form is left as it is
    report = Report.objects.get()
    assert f'id="report-{report.pk}-status"' in page
    assert POLLING in page
    # The message goes into the page's live region, which stays in place.
    assert re.search(
        r'<span hx-swap-oob="innerHTML:#reports-outcome">The report is on its way', page
    )


def test_with_the_broker_down_the_page_answers_at_once_and_keeps_the_report(
    client_for, cast, project, django_capture_on_commit_callbacks
):
    client = client_for(cast.facilitator)
    client.get(reports_url(project))  # the process's first page: templates load once
    with broker("redis://127.0.0.1:1/0"):
        started = time.monotonic()
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(ask_url(project), {"kind": "final", "language": "nb"})
        elapsed = time.monotonic() - started

    assert response.status_code == 302
    assert elapsed < 1.0, f"the request took {elapsed:.2f} s with the broker down"
    assert Report.objects.get().status == Status.PENDING


def test_ten_identical_posts_at_once_make_one_report_and_no_error(
    concurrent_db,  # noqa: F811
    cast,
    project,
    monkeypatch,
):
    """R7 on PostgreSQL: the in-flight constraint decides the race."""
    monkeypatch.setattr("reports.services.send_report", lambda report_id: True)
    url = f"/o/{cast.organisation.slug}/projects/{project.pk}/reports/new/"

    statuses = post_at_once(cast.facilitator, url, {"kind": "final", "language": "nb"})

    assert statuses == [302] * len(statuses)
    assert Report.objects.count() == 1


def test_a_second_click_shows_the_running_report_and_makes_no_second(
    client_for, cast, project, monkeypatch
):
    monkeypatch.setattr("reports.services.send_report", lambda report_id: True)
    client = client_for(cast.facilitator)
    data = {"kind": "final", "language": "nb"}

    client.post(ask_url(project), data)
    response = client.post(ask_url(project), data, follow=True)

    assert Report.objects.count() == 1
    assert "This report is already being made" in response.content.decode()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"kind": "portfolio", "language": "nb"}, "Choose a final report or a status report."),
        ({"kind": "final", "language": "se"}, "Choose bokmål, nynorsk or English."),
        ({}, "This field is required."),
    ],
)
def test_bad_choices_are_refused_with_a_message(client_for, cast, project, data, message):
    client = client_for(cast.facilitator)

    plain = client.post(ask_url(project), data)
    htmx = client.post(ask_url(project), data, headers=HTMX)

    assert plain.status_code == 200 and message in plain.content.decode()
    assert htmx.status_code == 422 and message in htmx.content.decode()
    assert "<html" not in htmx.content.decode()
    assert (htmx["HX-Retarget"], htmx["HX-Reswap"]) == ("#reports-panel", "outerHTML")
    assert not Report.objects.exists()


def test_the_list_shows_fifty_reports_a_page_newest_first(client_for, cast, project):
    for index in range(PER_PAGE + 3):
        ReportFactory(project=project, done=True, language=Language.NB if index % 2 else "nn")
    newest = Report.objects.order_by("-requested_at", "-pk").first()

    first = client_for(cast.facilitator).get(reports_url(project)).content.decode()
    second = client_for(cast.facilitator).get(reports_url(project) + "?page=2").content.decode()

    assert first.count('<tr id="report-') == PER_PAGE
    assert first.index(f'id="report-{newest.pk}"') < first.index("</tbody>")
    assert 'rel="next"' in first
    assert second.count('<tr id="report-') == 3


# --- Following a report: the status element -----------------------------------------------


def status_of(client, report):
    return client.get(report.get_absolute_url(), headers=HTMX)


@pytest.mark.parametrize("status", [Status.PENDING, Status.QUEUED, Status.RENDERING])
def test_the_status_element_keeps_polling_while_the_report_is_made(
    client_for, cast, project, status
):
    report = ReportFactory(project=project, status=status)

    response = status_of(client_for(cast.facilitator), report)

    element = response.content.decode().strip()
    assert element.startswith(f'<div id="report-{report.pk}-status"')
    assert POLLING in element and f'hx-get="{report.get_absolute_url()}"' in element
    assert 'hx-swap="outerHTML"' in element
    assert "Download" not in element


def test_the_status_element_stops_polling_and_offers_the_download_when_done(
    client_for, cast, project
):
    report = ReportFactory(project=project, done=True, pages=14)

    element = status_of(client_for(cast.facilitator), report).content.decode()

    assert "hx-trigger" not in element and "hx-get" not in element
    assert f'href="{report.download_url()}"' in element
    assert "14 pages" in element


def test_the_status_element_stops_polling_and_gives_the_reason_when_failed(
    client_for, cast, project
):
    report = ReportFactory(
        project=project, status=Status.FAILED, failure=Failure.TOO_MANY_PAGES, pages=240
    )

    element = status_of(client_for(cast.facilitator), report).content.decode()

    assert "hx-trigger" not in element
    assert "Failed" in element and "240 pages; at most 200" in element
    assert "Download" not in element


def test_without_javascript_the_reports_page_says_to_reload(client_for, cast, project):
    report = ReportFactory(project=project, status=Status.RENDERING, requested_by=cast.leader)

    page = client_for(cast.facilitator).get(report.get_absolute_url()).content.decode()

    assert "<html" in page
    assert "Reload the page in a little while" in page
    assert "Lars Leder" in page and "Being made" in page
    assert f'href="{reports_url(project)}"' in page


# --- Downloading (S9) ---------------------------------------------------------------------


def test_the_download_is_a_private_attachment_with_a_readable_name(client_for, cast, project):
    report = ReportFactory(project=project, done=True, requested_by=cast.facilitator)

    response = client_for(cast.facilitator).get(report.download_url())

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == SAMPLE_PDF
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"] == "private, no-store"
    assert response["Content-Length"] == str(len(SAMPLE_PDF))
    disposition = unquote(response["Content-Disposition"])
    assert disposition.startswith("attachment;")
    # Named in the report's language (bokmål here), whatever the reader's.
    assert f"Sluttrapport – {project.title} – " in disposition
    assert disposition.endswith('.pdf"') or disposition.endswith(".pdf")


def test_everyone_who_sees_the_project_downloads_and_nobody_else(
    client, cast, project, member, steering
):
    report = ReportFactory(project=project, done=True, requested_by=cast.facilitator)
    off_the_team = cast.employee  # on the team here (member); another employee is not:
    stranger = MembershipFactory(organisation=cast.organisation, role=Role.EMPLOYEE).user
    statuses = {}
    for label, user in [
        ("facilitator who asked", cast.facilitator),
        ("member", member),
        ("steering group", steering),
        ("organisation leader", cast.leader),
        ("employee off the team", stranger),
        ("other organisation", cast.outsider),
    ]:
        client.force_login(user)
        statuses[label] = client.get(report.download_url()).status_code
    assert off_the_team == member
    assert statuses == {
        "facilitator who asked": 200,
        "member": 200,
        "steering group": 200,
        "organisation leader": 200,
        "employee off the team": 404,
        "other organisation": 404,
    }


def test_a_download_replayed_after_logout_goes_to_the_login_page(client, cast, project):
    report = ReportFactory(project=project, done=True)
    client.force_login(cast.facilitator)
    assert client.get(report.download_url()).status_code == 200

    client.post(reverse("accounts:logout"))
    response = client.get(report.download_url())

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_a_download_through_another_organisations_address_is_404(client_for, cast, project):
    report = ReportFactory(project=project, done=True)
    url = reverse("reports:download", args=[cast.other_organisation.slug, report.pk])

    assert client_for(cast.outsider).get(url).status_code == 404
    assert client_for(cast.facilitator).get(url).status_code == 404


def test_a_report_not_ready_or_without_its_file_is_404(client_for, cast, project, reports_root):
    waiting = ReportFactory(project=project, status=Status.RENDERING)
    done = ReportFactory(project=project, kind=Kind.STATUS, done=True)
    (reports_root / done.file.name).unlink()
    client = client_for(cast.facilitator)

    assert client.get(waiting.download_url()).status_code == 404
    assert client.get(done.download_url()).status_code == 404


def test_report_files_have_no_url_and_live_outside_media_and_static(cast, project):
    report = ReportFactory(project=project, done=True)

    with pytest.raises(ValueError, match="no URL"):
        report.file.url  # noqa: B018
    root = settings.REPORTS_ROOT.resolve()
    for served in (settings.MEDIA_ROOT, settings.STATIC_ROOT, *settings.STATICFILES_DIRS):
        assert not root.is_relative_to(served.resolve()), served
    from klean import settings as production

    production_root = production.REPORTS_ROOT.resolve()
    assert not production_root.is_relative_to(production.MEDIA_ROOT.resolve())
    assert not production_root.is_relative_to(production.STATIC_ROOT.resolve())


@pytest.mark.parametrize(
    ("language", "day"), [("nb", "02.03.2026"), ("nn", "02.03.2026"), ("en", "2 Mar 2026")]
)
def test_the_file_name_is_readable_in_the_reports_language(cast, language, day):
    from datetime import datetime
    from zoneinfo import ZoneInfo

    project = ProjectFactory(organisation=cast.organisation, title="Varer/lager: «bestilling»?\n")
    report = ReportFactory(
        project=project,
        language=language,
        finished_at=datetime(2026, 3, 2, 12, tzinfo=ZoneInfo("Europe/Oslo")),
    )
    with translation.override(language):
        kind = str(Kind.FINAL.label)  # «Sluttrapport» in bokmål and nynorsk

    # Separators and characters a file system refuses are gone.
    assert download_name(report) == f"{kind} – Varer lager «bestilling» – {day}.pdf"


def test_a_portfolios_file_name_gives_its_period(cast):
    report = ReportFactory(organisation=cast.organisation, portfolio=True, done=True)
    with translation.override("nb"):
        kind = str(Kind.PORTFOLIO.label)

    assert download_name(report) == f"{kind} – Eksempel kommune – 01.01.2026–30.06.2026.pdf"


# --- An organisation's portfolio reports --------------------------------------------------


def test_the_portfolio_page_asks_for_a_period_typed_day_month_year(
    client_for, cast, django_capture_on_commit_callbacks
):
    client = client_for(cast.facilitator)
    page = client.get(org_url(cast.organisation)).content.decode()
    assert "Day.month.year, e.g. 26.11.2026" in page

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            org_url(cast.organisation),
            {"period_start": "01.01.2026", "period_end": "30.6.2026", "language": "en"},
        )

    assert response.status_code == 302
    report = Report.objects.get()
    assert (report.kind, report.project, report.language) == (Kind.PORTFOLIO, None, "en")
    assert (report.period_start, report.period_end) == (date(2026, 1, 1), date(2026, 6, 30))
    assert report.status == Status.DONE
    download = client.get(report.download_url())
    assert download.status_code == 200
    assert "Portfolio report – Eksempel kommune" in unquote(download["Content-Disposition"])


@pytest.mark.parametrize(
    ("start", "end", "message"),
    [
        (
            "2026-13-45",
            "30.06.2026",
            "Give a date that exists, as day.month.year, e.g. 31.12.2026.",
        ),
        (
            "31.02.2026",
            "30.06.2026",
            "Give a date that exists, as day.month.year, e.g. 31.12.2026.",
        ),
        ("01.01.2026", "", "Write a date as day.month.year, e.g. 31.12.2026."),
        ("01.07.2026", "30.06.2026", "The period must end on or after the day it starts."),
        ("01.01.2000", "30.06.2026", "A portfolio report covers at most ten years."),
        ("01.01.2026\x00", "30.06.2026", "Give a date that exists, as day.month.year"),
    ],
)
def test_a_bad_period_gets_a_clear_message(client_for, cast, start, end, message):
    client = client_for(cast.facilitator)
    data = {"period_start": start, "period_end": end, "language": "nb"}

    plain = client.post(org_url(cast.organisation), data)
    htmx = client.post(org_url(cast.organisation), data, headers=HTMX)

    assert plain.status_code == 200 and message in plain.content.decode()
    assert htmx.status_code == 422 and message in htmx.content.decode()
    assert not Report.objects.exists()


def test_the_portfolio_status_polls_and_downloads_like_a_projects(client_for, cast):
    waiting = ReportFactory(organisation=cast.organisation, portfolio=True)
    client = client_for(cast.leader)

    element = status_of(client, waiting).content.decode()
    assert POLLING in element

    Report.objects.filter(pk=waiting.pk).update(status=Status.FAILED, failure=Failure.TIMED_OUT)
    element = status_of(client, waiting).content.decode()
    assert "hx-trigger" not in element and "took too long" in element


def test_another_organisations_portfolio_is_404(client_for, cast):
    theirs = ReportFactory(organisation=cast.other_organisation, portfolio=True, done=True)
    mine = ReportFactory(organisation=cast.organisation, portfolio=True, done=True)
    client = client_for(cast.admin)

    for name in ("reports:portfolio", "reports:portfolio_download"):
        through_mine = reverse(name, args=[cast.organisation.slug, theirs.pk])
        through_theirs = reverse(name, args=[cast.other_organisation.slug, mine.pk])
        assert client.get(through_mine).status_code == 404
        assert client.get(through_theirs).status_code == 404


# --- Links from the project and the organisation ------------------------------------------


def test_the_project_overview_links_its_reports(client_for, cast, project, member):
    page = client_for(member).get(project.get_absolute_url()).content.decode()

    assert f'href="{reports_url(project)}"' in page


def test_the_organisation_home_links_the_portfolio_reports_for_those_who_may(client_for, cast):
    home = cast.organisation.get_absolute_url()
    link = f'href="{org_url(cast.organisation)}"'

    assert link in client_for(cast.facilitator).get(home).content.decode()
    assert link not in client_for(cast.employee).get(home).content.decode()


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("in_english")
def test_where_tasks_run_in_the_request_the_message_says_the_report_is_ready(client_for, cast):
    # As under `make run`: no broker, the task runs as the request's commit ends.
    from tests.factories import ProjectFactory, TeamMemberFactory

    project = ProjectFactory(organisation=cast.organisation)
    TeamMemberFactory(project=project, user=cast.facilitator, role="facilitator")
    response = client_for(cast.facilitator).post(
        ask_url(project), {"kind": "status", "language": "en"}, follow=True
    )
    assert Report.objects.get().status == Status.DONE
    page = response.content.decode()
    assert "The report is made and ready to download." in page
    assert "on its way" not in page
