"""Reports in the browser: ask for one, follow it while it is made, download it.

A project's reports page lists its reports (newest first, 50 a page) and,
for those who may, asks for a final or status report in bokmål, nynorsk or
English; an organisation's reports page does the same for the portfolio
report of a period. A report in the making shows its status in an element
that htmx polls every 2 seconds; when the report is done or failed the
element comes back without its trigger, so the polling stops, and shows the
download link or the reason. Without JavaScript the report's own page says
the same and the person reloads it.

Downloads go through a view that checks access on every call; the file has
no other address (``reports.storage``).
"""

import re

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.access import can, organisation_view
from klean.extensions import Panel
from klean.forms import DateField
from klean.htmx import invalid
from projects.access import project_view
from reports import services
from reports.access import PORTFOLIO, READ, REQUEST, may_request, portfolio_view, report_view
from reports.models import PROJECT_KINDS, Kind, Language, Report, Status

PER_PAGE = 50
#: The longest period a portfolio report covers.
LONGEST_PERIOD_DAYS = 10 * 366

DATE_ERRORS = {
    "invalid": gettext_lazy("Give a date that exists, as day.month.year, e.g. 31.12.2026."),
    "required": gettext_lazy("Write a date as day.month.year, e.g. 31.12.2026."),
}


def language_field():
    return forms.ChoiceField(
        label=gettext_lazy("Language of the report"),
        choices=Language.choices,
        initial=Language.NB,
        error_messages={"invalid_choice": gettext_lazy("Choose bokmål, nynorsk or English.")},
    )


class ProjectReportForm(forms.Form):
    kind = forms.ChoiceField(
        label=gettext_lazy("Report"),
        choices=[(kind.value, kind.label) for kind in PROJECT_KINDS],
        initial=Kind.FINAL,
        widget=forms.RadioSelect,
        error_messages={
            "invalid_choice": gettext_lazy("Choose a final report or a status report.")
        },
    )
    language = language_field()


class PortfolioForm(forms.Form):
    period_start = DateField(label=gettext_lazy("From"), error_messages=DATE_ERRORS)
    period_end = DateField(label=gettext_lazy("To"), error_messages=DATE_ERRORS)
    language = language_field()

    def clean(self):
        data = super().clean()
        start, end = data.get("period_start"), data.get("period_end")
        if start and end:
            if end < start:
                raise ValidationError(
                    {"period_end": _("The period must end on or after the day it starts.")}
                )
            if (end - start).days > LONGEST_PERIOD_DAYS:
                raise ValidationError(
                    {"period_end": _("A portfolio report covers at most ten years.")}
                )
        return data


def _whole_panel(response):
    """The form posts into the list only (its fields are left as they are);
    a refused form comes back whole, with its errors."""
    response["HX-Retarget"] = "#reports-panel"
    response["HX-Reswap"] = "outerHTML"
    return response


def _page(request, reports):
    return Paginator(reports, PER_PAGE).get_page(request.GET.get("page"))


OUTCOME_MESSAGES = {
    services.NEW: gettext_lazy("The report is on its way. It is usually ready within a minute."),
    services.RUNNING: gettext_lazy(
        "This report is already being made: it is shown below, there is no need to ask again."
    ),
    services.REUSED: gettext_lazy(
        "Nothing has changed since this report was made, so it is ready to download."
    ),
}
READY_AT_ONCE = gettext_lazy("The report is made and ready to download.")


def _outcome_message(result) -> str:
    """What asking did. Where tasks run in the request (``make run``), a new
    report is already made when the page answers: it says so."""
    if result.outcome == services.NEW:
        result.report.refresh_from_db(fields=["status"])
        if result.report.status == Status.DONE:
            return str(READY_AT_ONCE)
    return str(OUTCOME_MESSAGES[result.outcome])


# --- A project's reports ------------------------------------------------------------------


def _project_context(request, form=None, outcome=None) -> dict:
    project = request.project
    page = _page(request, Report.objects.filter(project=project).listed())
    for report in page:
        report.project = project
    allowed = may_request(request)
    return {
        "project": project,
        "page": page,
        "reports": list(page),
        "may_request": allowed,
        "form": (form or ProjectReportForm()) if allowed else None,
        "outcome": outcome,
    }


@project_view(READ)
@require_GET
def project_reports(request):
    return render(request, "reports/project.html", _project_context(request))


@project_view(REQUEST)
@require_POST
def request_project_report(request):
    project = request.project
    form = ProjectReportForm(request.POST)
    if not form.is_valid():
        context = _project_context(request, form=form)
        if request.htmx:
            return _whole_panel(invalid(request, "reports/project.html#panel", context))
        return render(request, "reports/project.html", context)
    result = services.request_report(
        project.organisation,
        project=project,
        kind=form.cleaned_data["kind"],
        language=form.cleaned_data["language"],
        by=request.user,
    )
    message = _outcome_message(result)
    if request.htmx:
        context = _project_context(request, outcome={"text": message, "report": result.report})
        return render(request, "reports/project.html#list", context)
    messages.success(request, message)
    return redirect(reverse("reports:project", args=[project.organisation.slug, project.pk]))


@report_view(READ)
@require_GET
def report(request, report):
    """The report's page; for htmx, only its status element (polled while it
    is made)."""
    template = "reports/_status.html" if request.htmx else "reports/report.html"
    return render(
        request,
        template,
        {"project": request.project, "report": report, "may_request": may_request(request)},
    )


@report_view(READ)
@require_GET
def download(request, report):
    return _file_response(report)


# --- An organisation's portfolio reports --------------------------------------------------


def _organisation_context(request, form=None, outcome=None) -> dict:
    organisation = request.organisation
    page = _page(request, Report.objects.filter(organisation=organisation, project=None).listed())
    for report in page:
        report.organisation = organisation
    if form is None:
        today = timezone.localdate()
        form = PortfolioForm(
            initial={
                "period_start": today.replace(month=1, day=1),
                "period_end": today,
                "language": Language.NB,
            }
        )
    return {
        "organisation": organisation,
        "page": page,
        "reports": list(page),
        "form": form,
        "outcome": outcome,
    }


@organisation_view(PORTFOLIO)
@require_http_methods(["GET", "POST"])
def organisation_reports(request):
    organisation = request.organisation
    if request.method == "GET":
        return render(request, "reports/organisation.html", _organisation_context(request))
    form = PortfolioForm(request.POST)
    if not form.is_valid():
        context = _organisation_context(request, form=form)
        if request.htmx:
            return _whole_panel(invalid(request, "reports/organisation.html#panel", context))
        return render(request, "reports/organisation.html", context)
    data = form.cleaned_data
    result = services.request_report(
        organisation,
        kind=Kind.PORTFOLIO,
        language=data["language"],
        period=(data["period_start"], data["period_end"]),
        by=request.user,
    )
    message = _outcome_message(result)
    if request.htmx:
        context = _organisation_context(
            request, form=None, outcome={"text": message, "report": result.report}
        )
        return render(request, "reports/organisation.html#list", context)
    messages.success(request, message)
    return redirect(reverse("reports:organisation", args=[organisation.slug]))


@portfolio_view
@require_GET
def portfolio(request, report):
    template = "reports/_status.html" if request.htmx else "reports/report.html"
    return render(
        request,
        template,
        {"organisation": request.organisation, "report": report, "may_request": True},
    )


@portfolio_view
@require_GET
def portfolio_download(request, report):
    return _file_response(report)


# --- The file -----------------------------------------------------------------------------

UNSAFE_IN_NAMES = re.compile(r'[\x00-\x1f\x7f\\/:*?"<>|]+')


def download_name(report: Report) -> str:
    """A file name a person recognises, in the report's language:
    «Sluttrapport – Raskere byggesak – 29.11.2026.pdf»."""
    with translation.override(report.language):
        kind = str(Kind(report.kind).label)
        if report.project_id:
            about = report.project.title
            when = timezone.localtime(report.finished_at or report.requested_at).date()
            dated = date_format(when, "SHORT_DATE_FORMAT")
        else:
            about = report.organisation.name
            dated = "–".join(
                date_format(day, "SHORT_DATE_FORMAT")
                for day in (report.period_start, report.period_end)
            )
    about = " ".join(UNSAFE_IN_NAMES.sub(" ", about).split())[:80].strip() or "K-LEAN"
    return f"{kind} – {about} – {dated}.pdf".replace("/", "-")


def _file_response(report: Report) -> FileResponse:
    if not report.is_done or not report.file:
        raise Http404("The report is not ready")
    try:
        handle = report.file.storage.open(report.file.name, "rb")
    except FileNotFoundError as missing:
        raise Http404("The report's file is missing") from missing
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=download_name(report),
        content_type="application/pdf",
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


# --- Cards on other pages (ReportsConfig) -------------------------------------------------


def project_panels(request) -> list[Panel]:
    """The project overview's card linking the reports page (no query)."""
    return [Panel("reports/project.html#overview-card", {"may_request": may_request(request)})]


def home_panels(request) -> list[Panel]:
    """The organisation home's card linking the portfolio reports (no query),
    for those who may ask for them."""
    if not can(request.membership, PORTFOLIO):
        return []
    return [Panel("reports/organisation.html#home-card")]
