"""What reports keep about a person (declared on ReportsConfig): who asked for
each report. The reports belong to the project or organisation and stay when
the account is deleted; the person is then shown as a former member."""

from accounts.personal_data import Entry
from reports.models import Report


def _export_requested(user):
    return [
        {
            "project": report.project.title if report.project else None,
            "organisation": report.organisation.name,
            "kind": report.kind,
            "language": report.language,
            "period_start": report.period_start,
            "period_end": report.period_end,
            "asked_for": report.requested_at,
            "status": report.status,
        }
        for report in Report.objects.filter(requested_by=user).select_related(
            "project", "organisation"
        )
    ]


def entries() -> list[Entry]:
    return [Entry(Report, "reports_asked_for", _export_requested)]
