"""The demo ends with a finished final report for the finished project
(«Varebestilling på sykehjemmet»), made at once, in this process: the demo
runs without a worker. Seeding again re-uses it while the project's data is
unchanged."""

from accounts.models import User
from projects.models import Project, ProjectStatus
from reports import services
from reports.models import Kind, Language, Status

PROJECT = "Varebestilling på sykehjemmet"
ASKED_BY = "veileder@eksempel-kommune.no"


def seed(command) -> None:
    project = (
        Project.objects.select_related("organisation")
        .filter(organisation__slug="eksempel-kommune", title=PROJECT, status=ProjectStatus.FINISHED)
        .first()
    )
    facilitator = User.objects.filter(email=ASKED_BY).first()
    if project is None or facilitator is None:
        return
    report = services.request_report(
        project.organisation,
        project=project,
        kind=Kind.FINAL,
        language=Language.NB,
        by=facilitator,
        send=False,
    ).report
    if report.status != Status.DONE:
        services.make_report(report.pk, task_id=f"seed-demo-{report.pk}", heartbeat=False)
        report.refresh_from_db()
    if report.status == Status.DONE:
        command.stdout.write(f"  reports: the final report of «{PROJECT}» ({report.pages} pages)")
    else:
        command.stderr.write(f"  reports: the final report of «{PROJECT}» failed: {report.reason}")
