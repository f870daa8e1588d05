"""Improvement projects: the project, its phases, goals, team, partners and timeline."""

from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from accounts.models import Organisation
from klean.choices import ChoiceLabels
from projects.method import (
    CHECKLISTS,
    FIRST_PHASE,
    LAST_PHASE,
    PARALLEL_PHASES,
    ChecklistItem,
    Phase,
)


class ProjectRole(models.TextChoices):
    """A person's role in one improvement project (METHOD.md, Roles)."""

    PROCESS_OWNER = "process_owner", _("Process owner")
    FACILITATOR = "facilitator", _("Process facilitator")
    LEADER = "leader", pgettext_lazy("project role", "Leader")
    MEMBER = "member", pgettext_lazy("project role", "Employee")
    STEERING_GROUP = "steering_group", _("Steering group")
    UNION_REP = "union_rep", _("Union representative")
    SAFETY_REP = "safety_rep", _("Safety representative")
    USER_REP = "user_rep", _("User representative")
    EXTERNAL_PARTNER = "external_partner", _("External partner")
    OBSERVER = "observer", _("Observer")


class ProjectKind(models.TextChoices):
    PILOT = "pilot", _("Pilot project")
    ORDINARY = "ordinary", _("Ordinary project")
    CROSS_ORGANISATION = "cross", _("Cross-organisation project")


class ServiceArea(models.TextChoices):
    BUILDING = "byggesak", _("Building applications")
    CHILD_WELFARE = "barnevern", _("Child welfare")
    HEALTH = "helse", _("Health")
    CARE = "pleie_omsorg", _("Nursing and care")
    EDUCATION = "oppvekst", _("Childhood and education")
    FINANCE = "okonomi", _("Finance")
    ARCHIVE = "arkiv", _("Archive")
    HR = "hr", _("HR")
    TECHNICAL = "teknisk", _("Technical services")
    NAV = "nav", _("NAV")
    OTHER = "annet", pgettext_lazy("service area", "Other")


class ProjectStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    ON_HOLD = "on_hold", _("On hold")
    FINISHED = "finished", _("Finished")
    CANCELLED = "cancelled", _("Cancelled")


class ProjectQuerySet(models.QuerySet):
    def search(self, text: str):
        text = text.strip()
        if not text:
            return self
        return self.filter(
            Q(title__icontains=text)
            | Q(process_name__icontains=text)
            | Q(background__icontains=text)
            | Q(mandate__icontains=text)
        )


class Project(ChoiceLabels, models.Model):
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("owning organisation"),
        on_delete=models.CASCADE,
        related_name="projects",
    )
    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(
        _("kind"), max_length=20, choices=ProjectKind.choices, default=ProjectKind.PILOT
    )
    service_area = models.CharField(
        _("service area"), max_length=20, choices=ServiceArea.choices, default=ServiceArea.OTHER
    )
    process_name = models.CharField(
        _("process"),
        max_length=200,
        help_text=_("The process the project improves, e.g. “Handling of building applications”."),
    )
    process_start = models.CharField(
        _("process starts when"), max_length=200, help_text=_("e.g. “application received”")
    )
    process_end = models.CharField(
        _("process ends when"), max_length=200, help_text=_("e.g. “decision sent”")
    )
    background = models.TextField(_("background"), blank=True)
    mandate = models.TextField(_("mandate"), blank=True)
    start_date = models.DateField(_("start date"))
    planned_end_date = models.DateField(_("planned end date"))
    status = models.CharField(
        _("status"), max_length=20, choices=ProjectStatus.choices, default=ProjectStatus.ACTIVE
    )
    phase = models.PositiveSmallIntegerField(_("phase"), choices=Phase.choices, default=FIRST_PHASE)
    phases_together = models.BooleanField(
        _("user insight and mapping run together"),
        default=False,
        help_text=_("Phases 2 and 3 may run side by side."),
    )
    benefit_plan = models.TextField(
        _("benefit plan"),
        blank=True,
        help_text=_("What freed time will be used for, agreed before the work starts."),
    )
    lessons_learned = models.TextField(_("lessons learned"), blank=True)
    next_steps = models.TextField(_("further work and spread"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = ProjectQuerySet.as_manager()

    class Meta:
        verbose_name = _("improvement project")
        verbose_name_plural = _("improvement projects")
        ordering = ["-start_date", "-pk"]
        indexes = [models.Index(fields=["organisation", "status", "phase"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(planned_end_date__gte=models.F("start_date")),
                name="project_ends_after_it_starts",
            ),
            models.CheckConstraint(
                condition=Q(phase__gte=FIRST_PHASE, phase__lte=LAST_PHASE),
                name="project_phase_exists",
            ),
            models.CheckConstraint(
                condition=Q(status__in=ProjectStatus.values), name="project_status_valid"
            ),
            # One project of a name per organisation: a double-clicked "create"
            # makes one project, and two projects never read alike in a list.
            models.UniqueConstraint(
                "organisation", Lower("title"), name="project_title_unique_in_organisation"
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("projects:overview", args=[self.organisation.slug, self.pk])

    def url(self, name: str, *args) -> str:
        return reverse(f"projects:{name}", args=[self.organisation.slug, self.pk, *args])

    @property
    def scope(self) -> str:
        return f"{self.process_start} → {self.process_end}"

    def phase_track(self) -> list["PhaseProgress"]:
        """Every phase with its checklist, what is ticked off and whether it is
        done (two queries: ticks and phases marked done)."""
        ticks = set(self.ticks.values_list("phase", "item"))
        marked = set(self.completions.values_list("phase", flat=True))
        current = self.current_phases()
        track = []
        for phase in Phase:
            items = [
                ChecklistEntry(item, (phase.value, item.key) in ticks, item.tool_url(self))
                for item in CHECKLISTS[phase.value]
            ]
            track.append(
                PhaseProgress(
                    number=phase.value,
                    label=phase.label,
                    items=items,
                    marked_done=phase.value in marked,
                    is_current=phase.value in current,
                    is_passed=phase.value < self.phase,
                )
            )
        return track

    def current_phases(self) -> set[int]:
        """The phase the project is in, and its parallel phase when they run together."""
        phases = {self.phase}
        if self.phases_together and self.phase in PARALLEL_PHASES:
            phases.add(PARALLEL_PHASES[self.phase])
        return phases


@dataclass(frozen=True)
class ChecklistEntry:
    item: ChecklistItem
    done: bool
    tool_url: str | None
    #: What another app knows about the item (klean.extensions "checklist_hints").
    hint: str = ""

    @property
    def key(self) -> str:
        return self.item.key

    @property
    def label(self) -> str:
        return self.item.label


@dataclass(frozen=True)
class PhaseProgress:
    """Where a project stands in one phase (Project.phase_track)."""

    number: int
    label: str
    items: list[ChecklistEntry]
    marked_done: bool
    is_current: bool
    is_passed: bool

    @property
    def ticked(self) -> int:
        return sum(entry.done for entry in self.items)

    @property
    def total(self) -> int:
        return len(self.items)

    @property
    def done(self) -> bool:
        """Done when every item is ticked off, or when marked done on purpose."""
        return self.marked_done or self.ticked == self.total

    @property
    def state(self) -> str:
        if self.is_current:
            return "current"
        if self.done:
            return "done"
        return "open" if self.is_passed else "later"


class ChecklistTick(ChoiceLabels, models.Model):
    """A checklist item of a phase, ticked off for one project."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="ticks")
    phase = models.PositiveSmallIntegerField(_("phase"), choices=Phase.choices)
    item = models.CharField(_("item"), max_length=40)
    ticked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    ticked_at = models.DateTimeField(_("ticked"), auto_now_add=True)

    class Meta:
        verbose_name = _("checklist tick")
        verbose_name_plural = _("checklist ticks")
        constraints = [
            models.UniqueConstraint(
                fields=["project", "phase", "item"], name="checklist_tick_once_per_item"
            ),
        ]

    def __str__(self):
        return f"{self.project}: {self.phase}/{self.item}"


class PhaseCompletion(ChoiceLabels, models.Model):
    """A phase the facilitator marked as done although its checklist is not
    complete (a phase also counts as done when every item is ticked off)."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="completions")
    phase = models.PositiveSmallIntegerField(_("phase"), choices=Phase.choices)
    completed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    completed_at = models.DateTimeField(_("marked done"), auto_now_add=True)

    class Meta:
        verbose_name = _("completed phase")
        verbose_name_plural = _("completed phases")
        constraints = [
            models.UniqueConstraint(fields=["project", "phase"], name="phase_completed_once"),
        ]

    def __str__(self):
        return f"{self.project}: {self.phase}"


class PhaseChange(ChoiceLabels, models.Model):
    """Who moved a project from one phase to another, and when."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="phase_changes")
    from_phase = models.PositiveSmallIntegerField(_("from phase"), choices=Phase.choices)
    to_phase = models.PositiveSmallIntegerField(_("to phase"), choices=Phase.choices)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    changed_at = models.DateTimeField(_("changed"), auto_now_add=True)
    note = models.CharField(_("note"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("phase change")
        verbose_name_plural = _("phase changes")
        ordering = ["-changed_at", "-pk"]

    def __str__(self):
        return f"{self.project}: {self.from_phase} → {self.to_phase}"


class Unit(models.TextChoices):
    DAYS = "days", _("days")
    PERCENT = "percent", _("%")
    HOURS_PER_WEEK = "hours_week", _("hours per week")
    COUNT = "count", _("count")
    SCORE = "score", _("score")


class Direction(models.TextChoices):
    LOWER = "lower", _("Lower is better")
    HIGHER = "higher", _("Higher is better")


class Goal(ChoiceLabels, models.Model):
    """An indicator with a baseline and a target, measured over time."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="goals")
    name = models.CharField(_("indicator"), max_length=200)
    unit = models.CharField(_("unit"), max_length=20, choices=Unit.choices, default=Unit.DAYS)
    direction = models.CharField(
        _("direction"), max_length=10, choices=Direction.choices, default=Direction.LOWER
    )
    baseline = models.DecimalField(_("baseline"), max_digits=12, decimal_places=2)
    baseline_date = models.DateField(_("baseline measured on"))
    target = models.DecimalField(_("target"), max_digits=12, decimal_places=2)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("goal")
        verbose_name_plural = _("goals")
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(direction=Direction.LOWER, target__lt=models.F("baseline"))
                    | Q(direction=Direction.HIGHER, target__gt=models.F("baseline"))
                ),
                name="goal_target_improves_on_baseline",
            ),
            models.UniqueConstraint("project", Lower("name"), name="goal_name_unique_in_project"),
        ]

    def __str__(self):
        return self.name

    def progress(self, value: Decimal) -> Decimal:
        """How far a value has come from the baseline towards the target.

        0 at the baseline, 1 at the target, above 1 beyond it, below 0 when it
        got worse – for both directions, since the sign of (target − baseline)
        carries the direction.
        """
        return (Decimal(value) - self.baseline) / (self.target - self.baseline)

    def progress_percent(self, value: Decimal) -> int:
        return round(self.progress(value) * 100)

    def is_reached(self, value: Decimal) -> bool:
        return self.progress(value) >= 1


class Measurement(models.Model):
    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="measurements")
    date = models.DateField(_("date"))
    value = models.DecimalField(_("value"), max_digits=12, decimal_places=2)
    note = models.CharField(_("note"), max_length=300, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        verbose_name = _("measurement")
        verbose_name_plural = _("measurements")
        ordering = ["date", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["goal", "date"], name="measurement_one_per_goal_and_day"
            ),
        ]

    def __str__(self):
        return f"{self.goal}: {self.value} ({self.date})"


class TeamMember(ChoiceLabels, models.Model):
    """A person's role in a project. The person belongs to the owning
    organisation or to one of the project's partner organisations."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="team")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="project_roles",
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_("The organisation through which the person takes part."),
    )
    role = models.CharField(_("role in the project"), max_length=20, choices=ProjectRole.choices)
    added_at = models.DateTimeField(_("added"), auto_now_add=True)

    class Meta:
        verbose_name = _("team member")
        verbose_name_plural = _("team members")
        constraints = [
            models.UniqueConstraint(
                fields=["project", "user"], name="team_member_once_per_project"
            ),
            models.CheckConstraint(
                condition=Q(role__in=ProjectRole.values), name="team_member_role_valid"
            ),
        ]

    def __str__(self):
        return f"{self.user} – {self.get_role_display()}"


class PartnershipStatus(models.TextChoices):
    """Where a partnership stands. It starts as a request that the partner
    organisation's administrator answers; only an active one lets anyone in."""

    PENDING = "pending", _("Waiting for an answer")
    ACTIVE = "active", _("Active")
    DECLINED = "declined", _("Declined")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    ENDED = "ended", _("Ended")


OPEN_PARTNERSHIP = (PartnershipStatus.PENDING, PartnershipStatus.ACTIVE)


class PartnershipQuerySet(models.QuerySet):
    def active(self):
        """Accepted and not ended: the only partnerships that let anyone in."""
        return self.filter(status=PartnershipStatus.ACTIVE)

    def pending(self):
        return self.filter(status=PartnershipStatus.PENDING)

    def open(self):
        """Waiting for an answer or active: at most one per project and organisation."""
        return self.filter(status__in=OPEN_PARTNERSHIP)


class Partnership(ChoiceLabels, models.Model):
    """A partner organisation taking part in a cross-organisation project.

    It starts as a request from the owning organisation (pending) that an
    administrator of the partner organisation accepts or declines; the owner
    may withdraw it while it waits, and end it once it is active. Until it is
    accepted, neither side sees the other's people. Closed partnerships
    (declined, withdrawn, ended) stay as the record.
    """

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="partnerships")
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("partner organisation"),
        on_delete=models.CASCADE,
        related_name="partnerships",
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=PartnershipStatus.choices,
        default=PartnershipStatus.PENDING,
    )
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    added_at = models.DateTimeField(_("requested"), auto_now_add=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("answered by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("The partner organisation's administrator who accepted or declined."),
    )
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    ended_at = models.DateTimeField(
        _("closed"),
        null=True,
        blank=True,
        help_text=_("When the request was declined or withdrawn, or the partnership ended."),
    )

    objects = PartnershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("partnership")
        verbose_name_plural = _("partnerships")
        constraints = [
            models.UniqueConstraint(
                fields=["project", "organisation"],
                condition=Q(status__in=OPEN_PARTNERSHIP),
                name="partnership_one_open_per_organisation",
            ),
            models.CheckConstraint(
                condition=Q(status__in=PartnershipStatus.values), name="partnership_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(status__in=OPEN_PARTNERSHIP, ended_at__isnull=True)
                | (~Q(status__in=OPEN_PARTNERSHIP) & Q(ended_at__isnull=False)),
                name="partnership_closed_when_it_ends",
            ),
        ]

    def __str__(self):
        return f"{self.organisation} ↔ {self.project}"

    @property
    def is_pending(self) -> bool:
        return self.status == PartnershipStatus.PENDING

    @property
    def is_active(self) -> bool:
        return self.status == PartnershipStatus.ACTIVE


class ActivityQuerySet(models.QuerySet):
    def for_timeline(self):
        """Lines ready to read: the actor and each line's target in a fixed
        number of queries (one per kind of target on the page)."""
        return self.select_related("actor").prefetch_related("target")


class Activity(models.Model):
    """One event on the project's timeline: who did what, when.

    A line stores its kind (``"<app label>.<event>"``, declared by the app in
    ``timeline_events``, see ``projects.timeline``), references (the acting
    user, and the target: a person, a goal, an organisation…) and JSON data
    (codes and values: a phase number, a role code, the name of a goal). It
    never stores display text or people's names: it is worded in the reader's
    language when shown, and a person who deleted their account reads as a
    former member.
    """

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="activities")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    kind = models.CharField(max_length=60)
    target_type = models.ForeignKey(
        ContentType, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    target_id = models.PositiveBigIntegerField(null=True, blank=True)
    target = GenericForeignKey("target_type", "target_id")
    data = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    objects = ActivityQuerySet.as_manager()

    class Meta:
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["project", "-created_at"], name="activity_project_time")]

    def __str__(self):
        return f"{self.project_id}: {self.kind}"

    @property
    def text(self) -> str:
        """The line, worded in the active language."""
        from projects.timeline import describe

        return describe(self)
