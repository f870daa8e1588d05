"""A PDF report asked for in the browser and written by a Celery worker.

A ``Report`` row is the job and, once done, the file. It is stored before any
message is sent (the row is the outbox: ``reports.services``), claimed by one
worker at a time with a conditional UPDATE (``reports.services.make_report``),
and holds the file's name in private storage (``reports.storage``: no public
URL; files are served only by the download view, which checks access).

The database enforces that a subject — the organisation, the project, the kind,
the language and, for a portfolio, the period — has at most one report in
flight (pending, queued or rendering): a second click on "make the report"
finds the running one instead of starting another.
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from accounts.models import Organisation
from klean.choices import ChoiceLabels
from projects.models import Project
from reports.storage import private_storage


class Kind(models.TextChoices):
    FINAL = "final", _("Final report")
    STATUS = "status", _("Status report")
    PORTFOLIO = "portfolio", _("Portfolio report")


#: The kinds asked for from a project's page, and from an organisation's.
PROJECT_KINDS = (Kind.FINAL, Kind.STATUS)


class Language(models.TextChoices):
    """The report's language, whatever language the person reads the site in."""

    NB = "nb", pgettext_lazy("report language", "Bokmål")
    NN = "nn", pgettext_lazy("report language", "Nynorsk")
    EN = "en", pgettext_lazy("report language", "English")


class Status(models.TextChoices):
    PENDING = "pending", pgettext_lazy("report status", "Waiting")
    QUEUED = "queued", pgettext_lazy("report status", "In the queue")
    RENDERING = "rendering", pgettext_lazy("report status", "Being made")
    DONE = "done", pgettext_lazy("report status", "Ready")
    FAILED = "failed", pgettext_lazy("report status", "Failed")


#: A report in one of these is still to be made: at most one per subject.
IN_FLIGHT = (Status.PENDING, Status.QUEUED, Status.RENDERING)


class Failure(models.TextChoices):
    """Why a report was not made, as the person who asked is told."""

    TOO_MANY_PAGES = "too_many_pages", _("The report would be too long.")
    FETCH_REFUSED = (
        "fetch_refused",
        _("The report tried to load a file from outside K-LEAN, which is not allowed."),
    )
    TIMED_OUT = "timed_out", _("Making the report took too long.")
    ERROR = "error", _("Something went wrong while the report was made.")


class ReportQuerySet(models.QuerySet):
    def in_flight(self):
        return self.filter(status__in=IN_FLIGHT)

    def for_subject(self, *, organisation, kind, language, project=None, period=None):
        """The reports about one subject (what the in-flight constraint counts)."""
        lookup = {"organisation": organisation, "kind": kind, "language": language}
        if project is not None:
            return self.filter(project=project, **lookup)
        start, end = period
        return self.filter(project=None, period_start=start, period_end=end, **lookup)

    def listed(self):
        """Newest first, with who asked (one query for a page of them)."""
        return self.select_related("requested_by").order_by("-requested_at", "-pk")


class Report(ChoiceLabels, models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="reports")
    #: None for an organisation's portfolio report.
    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, null=True, blank=True, related_name="reports"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    language = models.CharField(
        _("language"), max_length=2, choices=Language.choices, default=Language.NB
    )
    #: The period a portfolio report covers (both None for a project's report).
    period_start = models.DateField(_("from"), null=True, blank=True)
    period_end = models.DateField(_("to"), null=True, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("asked for by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    failure = models.CharField(
        _("reason"), max_length=16, choices=Failure.choices, blank=True, default=""
    )

    file = models.FileField(_("file"), storage=private_storage, blank=True, max_length=200)
    size = models.PositiveBigIntegerField(_("size in bytes"), null=True, blank=True)
    sha256 = models.CharField(max_length=64, blank=True, default="")
    pages = models.PositiveIntegerField(_("pages"), null=True, blank=True)
    #: What the report was made from (``reports.document.fingerprint``): an
    #: unchanged subject re-uses its report.
    fingerprint = models.CharField(max_length=64, blank=True, default="")

    requested_at = models.DateTimeField(_("asked for"), default=timezone.now, db_index=True)
    queued_at = models.DateTimeField(null=True, blank=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    #: Claims so far; a claim past ``services.MAX_ATTEMPTS`` fails the report.
    attempts = models.PositiveSmallIntegerField(default=0)
    #: The task (Celery id) that holds the claim, and until when: a worker
    #: renews the lease while it renders; the sweeper re-sends a report whose
    #: lease ran out (its worker died).
    claimed_by = models.CharField(max_length=64, blank=True, default="")
    lease_until = models.DateTimeField(null=True, blank=True)

    objects = ReportQuerySet.as_manager()

    class Meta:
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        ordering = ["-requested_at", "-pk"]
        indexes = [
            models.Index(fields=["project", "-requested_at"], name="report_project_newest"),
            models.Index(fields=["organisation", "-requested_at"], name="report_org_newest"),
            models.Index(fields=["status", "requested_at"], name="report_status_age"),
        ]
        constraints = [
            # A project's report has no period; a portfolio has one and no project.
            models.CheckConstraint(
                condition=(
                    Q(project__isnull=False, period_start__isnull=True, period_end__isnull=True)
                    & ~Q(kind=Kind.PORTFOLIO)
                )
                | Q(
                    project__isnull=True,
                    kind=Kind.PORTFOLIO,
                    period_start__isnull=False,
                    period_end__isnull=False,
                    period_start__lte=F("period_end"),
                ),
                name="report_subject_is_a_project_or_a_period",
            ),
            models.CheckConstraint(
                condition=Q(status=Status.FAILED) | Q(failure=""),
                name="report_reason_only_when_failed",
            ),
            # At most one report in flight per subject (two constraints, so that
            # no column of either is NULL: NULLs never collide in a unique index).
            models.UniqueConstraint(
                fields=["project", "kind", "language"],
                condition=Q(status__in=IN_FLIGHT, project__isnull=False),
                name="report_one_in_flight_per_project_subject",
            ),
            models.UniqueConstraint(
                fields=["organisation", "kind", "language", "period_start", "period_end"],
                condition=Q(status__in=IN_FLIGHT, project__isnull=True),
                name="report_one_in_flight_per_portfolio_subject",
            ),
        ]

    def __str__(self):
        about = self.project.title if self.project_id else self.organisation.name
        return f"{self.get_kind_display()} – {about}"

    def get_absolute_url(self) -> str:
        """The report's page (and, for htmx, its status element)."""
        if self.project_id:
            return reverse("reports:report", args=[self.project.organisation.slug, self.pk])
        return reverse("reports:portfolio", args=[self.organisation.slug, self.pk])

    def download_url(self) -> str:
        if self.project_id:
            return reverse("reports:download", args=[self.project.organisation.slug, self.pk])
        return reverse("reports:portfolio_download", args=[self.organisation.slug, self.pk])

    @property
    def in_flight(self) -> bool:
        return self.status in IN_FLIGHT

    @property
    def is_done(self) -> bool:
        return self.status == Status.DONE

    @property
    def is_failed(self) -> bool:
        return self.status == Status.FAILED

    @property
    def reason(self) -> str:
        """Why it failed, in the reader's language ("" unless failed)."""
        if not self.is_failed:
            return ""
        if self.failure == Failure.TOO_MANY_PAGES and self.pages:
            from reports.document import MAX_PAGES

            return gettext(
                "The report would have %(pages)s pages; at most %(max)s are allowed."
            ) % {"pages": self.pages, "max": MAX_PAGES}
        return str(Failure(self.failure).label) if self.failure in Failure.values else ""

    def subject(self):
        """What the report is about, as ``reports.document`` takes it."""
        from reports.document import Subject

        period = (self.period_start, self.period_end) if self.period_start else None
        return Subject(self.kind, self.language, self.organisation, self.project, period)
