"""Process maps: the brown paper, digital.

A project has one current-state map and any number of future-state maps, each
based on the current map it improves. A map has swimlanes (rows: a role, a
unit or an organisation) and steps in one global sequence across the lanes, so
a change of lane between consecutive steps is a hand-off. Problem notes
("plunder og heft") hang on steps, each with an optional waste type and a
"five whys" root-cause chain.

Times are typed in minutes, hours or working days and stored in minutes; the
unit typed is kept so that the form shows the time as it was entered.

Every change to a map goes through ``processes.services``, which bumps the
map's ``version`` with a conditional UPDATE and writes a ``MapChange``: a
change based on a stale version is refused and told what changed since.
Deleted steps and lanes are kept (``deleted_at``) so that "Angre" restores
them with their links and notes intact.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import Organisation
from klean.choices import ChoiceLabels
from projects.models import Project

#: A working day (arbeidsdag) in minutes: 7.5 hours, the Norwegian standard day.
WORKING_DAY_MINUTES = 450
#: The longest time a step may take or wait: ten years of working days.
MAX_MINUTES = 10 * 250 * WORKING_DAY_MINUTES
MAX_STEPS = 300
MAX_LANES = 20
MAX_WHYS = 5


class MapKind(models.TextChoices):
    CURRENT = "current", _("Current state")
    FUTURE = "future", _("Future state")


class LaneKind(models.TextChoices):
    ROLE = "role", _("Role")
    UNIT = "unit", _("Unit")
    ORGANISATION = "organisation", _("Organisation")


class ValueClass(models.TextChoices):
    """METHOD.md's three value classes, coloured green, yellow and red."""

    VALUE_ADDING = "value_adding", _("Value-adding")
    NECESSARY = "necessary", _("Necessary, not value-adding")
    WASTE = "waste", _("Waste")


#: The letter and glyph that carry a value class besides its colour.
VALUE_MARKS = {
    ValueClass.VALUE_ADDING: ("V", "✓"),
    ValueClass.NECESSARY: ("N", "◆"),
    ValueClass.WASTE: ("S", "✕"),
    "": ("?", "·"),
}


class WasteType(models.TextChoices):
    """The eight waste types of METHOD.md (sløsingstyper)."""

    OVERPRODUCTION = "overproduction", _("Overproduction")
    WAITING = "waiting", _("Waiting")
    INVENTORY = "inventory", _("Inventory / backlog")
    TRANSPORT = "transport", _("Transport / hand-offs")
    OVERPROCESSING = "overprocessing", _("Over-processing")
    MOTION = "motion", _("Motion / searching")
    DEFECTS = "defects", _("Defects / rework")
    UNUSED_SKILLS = "unused_skills", _("Unused skills")


class TimeUnit(models.TextChoices):
    MINUTES = "minutes", _("minutes")
    HOURS = "hours", _("hours")
    DAYS = "days", _("working days")


#: Minutes per unit typed.
UNIT_MINUTES = {TimeUnit.MINUTES: 1, TimeUnit.HOURS: 60, TimeUnit.DAYS: WORKING_DAY_MINUTES}


class ProcessMapQuerySet(models.QuerySet):
    def current(self):
        return self.filter(kind=MapKind.CURRENT)

    def future(self):
        return self.filter(kind=MapKind.FUTURE)


class ProcessMap(ChoiceLabels, models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="process_maps")
    name = models.CharField(_("name"), max_length=120)
    kind = models.CharField(
        _("kind"), max_length=10, choices=MapKind.choices, default=MapKind.CURRENT
    )
    based_on = models.ForeignKey(
        "self",
        verbose_name=_("based on"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="future_maps",
        help_text=_("The current-state map this future map improves."),
    )
    yearly_volume = models.PositiveIntegerField(
        _("cases per year"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(10_000_000)],
        help_text=_("How many times a year the process runs; gives hours and FTEs per year."),
    )
    start_point = models.CharField(_("starts when"), max_length=200, blank=True)
    end_point = models.CharField(_("ends when"), max_length=200, blank=True)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    objects = ProcessMapQuerySet.as_manager()

    class Meta:
        verbose_name = _("process map")
        verbose_name_plural = _("process maps")
        ordering = ["kind", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["project"],
                condition=Q(kind="current"),
                name="one_current_map_per_project",
            ),
            models.CheckConstraint(
                condition=Q(kind="future") | Q(based_on__isnull=True),
                name="only_future_maps_are_based_on_another",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("processes:board", args=[self.project.organisation.slug, self.pk])

    @property
    def is_future(self) -> bool:
        return self.kind == MapKind.FUTURE


class LiveQuerySet(models.QuerySet):
    def live(self):
        return self.filter(deleted_at__isnull=True)


class LiveManager(models.Manager.from_queryset(LiveQuerySet)):
    """The default manager: what is on the map, not what was deleted and may
    still be restored (``all_objects`` sees both)."""

    def get_queryset(self):
        return super().get_queryset().filter(deleted_at__isnull=True)


class Lane(ChoiceLabels, models.Model):
    map = models.ForeignKey(ProcessMap, on_delete=models.CASCADE, related_name="lanes")
    name = models.CharField(_("name"), max_length=80)
    kind = models.CharField(_("kind"), max_length=14, choices=LaneKind.choices, default="role")
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    order = models.PositiveIntegerField(default=0)
    deleted_at = models.DateTimeField(null=True, blank=True)

    objects = LiveManager()
    all_objects = LiveQuerySet.as_manager()

    class Meta:
        verbose_name = _("swimlane")
        verbose_name_plural = _("swimlanes")
        ordering = ["order", "pk"]
        base_manager_name = "all_objects"

    def __str__(self):
        return self.name


class Step(ChoiceLabels, models.Model):
    map = models.ForeignKey(ProcessMap, on_delete=models.CASCADE, related_name="steps")
    lane = models.ForeignKey(Lane, on_delete=models.CASCADE, related_name="steps")
    order = models.PositiveIntegerField(default=0)
    title = models.CharField(
        _("activity"), max_length=120, help_text=_("A verb and a noun: «registrere søknad».")
    )
    description = models.TextField(_("description"), max_length=2000, blank=True)
    processing_minutes = models.PositiveIntegerField(
        _("processing time"), default=0, validators=[MaxValueValidator(MAX_MINUTES)]
    )
    processing_unit = models.CharField(
        max_length=8, choices=TimeUnit.choices, default=TimeUnit.MINUTES
    )
    waiting_minutes = models.PositiveIntegerField(
        _("waiting time"), default=0, validators=[MaxValueValidator(MAX_MINUTES)]
    )
    waiting_unit = models.CharField(max_length=8, choices=TimeUnit.choices, default=TimeUnit.DAYS)
    people = models.PositiveSmallIntegerField(
        _("people involved"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(500)],
    )
    it_system = models.CharField(_("IT system"), max_length=100, blank=True)
    error_rate = models.DecimalField(
        _("errors / rework (%)"),
        max_digits=5,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    value_class = models.CharField(
        _("value class"), max_length=14, choices=ValueClass.choices, blank=True
    )
    waste_types = models.JSONField(_("waste types"), default=list, blank=True)
    origin = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="copies",
        help_text="The current-state step a future-state step was copied from.",
    )
    deleted_at = models.DateTimeField(null=True, blank=True)

    objects = LiveManager()
    all_objects = LiveQuerySet.as_manager()

    class Meta:
        verbose_name = _("step")
        verbose_name_plural = _("steps")
        ordering = ["order", "pk"]
        base_manager_name = "all_objects"
        constraints = [
            models.CheckConstraint(
                condition=Q(processing_minutes__lte=MAX_MINUTES)
                & Q(waiting_minutes__lte=MAX_MINUTES),
                name="step_times_within_ten_years",
            ),
            models.CheckConstraint(
                condition=Q(error_rate__isnull=True)
                | (Q(error_rate__gte=0) & Q(error_rate__lte=100)),
                name="step_error_rate_is_a_percentage",
            ),
        ]

    def __str__(self):
        return self.title

    def clean(self):
        if not isinstance(self.waste_types, list) or not set(self.waste_types) <= set(
            WasteType.values
        ):
            raise ValidationError({"waste_types": _("Choose waste types from the list.")})
        self.waste_types = [code for code in WasteType.values if code in self.waste_types]

    @property
    def value_letter(self) -> str:
        return VALUE_MARKS[self.value_class][0]

    @property
    def value_glyph(self) -> str:
        return VALUE_MARKS[self.value_class][1]

    def waste_labels(self) -> list[str]:
        labels = dict(WasteType.choices)
        return [str(labels[code]) for code in self.waste_types if code in labels]


class ProblemNote(models.Model):
    """A problem ("plunder og heft") on a step, with an optional waste type and
    root-cause chain ("fem hvorfor": why → why → … up to five)."""

    step = models.ForeignKey(Step, on_delete=models.CASCADE, related_name="notes")
    text = models.CharField(_("problem"), max_length=300)
    waste_type = models.CharField(
        _("waste type"), max_length=16, choices=WasteType.choices, blank=True
    )
    whys = models.JSONField(_("five whys"), default=list, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("problem")
        verbose_name_plural = _("problems")
        ordering = ["pk"]

    def __str__(self):
        return self.text


class MapChange(models.Model):
    """One change to a map: the version it made, who, what (a code and JSON
    data, never display text), and what undoes it.

    Read by a stale editor ("since your version, Kari moved «Registrere
    søknad»"), by the board's polling, and by "Angre".
    """

    map = models.ForeignKey(ProcessMap, on_delete=models.CASCADE, related_name="changes")
    version = models.PositiveIntegerField()
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    action = models.CharField(max_length=30)
    token = models.CharField(max_length=40, blank=True)
    data = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["version"]
        constraints = [
            models.UniqueConstraint(fields=["map", "version"], name="one_change_per_map_version"),
            models.UniqueConstraint(
                fields=["map", "token"], condition=~Q(token=""), name="one_change_per_form_token"
            ),
        ]

    def __str__(self):
        return f"{self.map_id} v{self.version} {self.action}"
