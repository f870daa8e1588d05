"""The idea pipeline: ideas, their stage history, PDSA tests, comments, votes
and the action plan (METHOD.md, "Ideas and the action plan").

An idea moves collect → develop → select → implement → done (innhente →
utvikle → velge ut → implementere → gjennomført), or is parked or rejected
with a reason. Every move goes through ``ideas.stages.move``, which allows
only the transitions the method allows and records a ``StageChange``.

An idea links to the process steps and waste types it addresses and to the
feedback answer it came from. Its expected and realised benefit (hours and
NOK per year, quality in words) add up per project in ``ideas.benefits``.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from klean.choices import ChoiceLabels
from projects.models import Project


class Stage(models.TextChoices):
    COLLECT = "collect", pgettext_lazy("idea stage", "Collect")
    DEVELOP = "develop", pgettext_lazy("idea stage", "Develop")
    SELECT = "select", pgettext_lazy("idea stage", "Select")
    IMPLEMENT = "implement", pgettext_lazy("idea stage", "Implement")
    DONE = "done", pgettext_lazy("idea stage", "Done")
    PARKED = "parked", pgettext_lazy("idea stage", "Parked")
    REJECTED = "rejected", pgettext_lazy("idea stage", "Rejected")


#: The pipeline's columns in order; parked and rejected stand beside it.
PIPELINE = (Stage.COLLECT, Stage.DEVELOP, Stage.SELECT, Stage.IMPLEMENT, Stage.DONE)
#: Stages an idea only enters with a reason.
NEEDS_REASON = frozenset({Stage.PARKED, Stage.REJECTED})


class Source(models.TextChoices):
    EMPLOYEE = "employee", _("Employee")
    USER_FEEDBACK = "user_feedback", _("User feedback")
    WORKSHOP = "workshop", _("Workshop")
    BOARD_MEETING = "board_meeting", _("Board meeting")


class IdeaKind(models.TextChoices):
    """What kind of change the idea is (METHOD.md)."""

    JUST_DO_IT = "just_do_it", _("Just do it")
    TEST = "test", _("Test it first (PDSA)")
    PROJECT = "project", _("Project of its own")
    ESCALATE = "escalate", _("Escalate")


SCORE = [MinValueValidator(1), MaxValueValidator(5)]
MONEY = {"max_digits": 12, "decimal_places": 2, "null": True, "blank": True}
HOURS = {"max_digits": 10, "decimal_places": 1, "null": True, "blank": True}


class Idea(ChoiceLabels, models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="ideas")
    title = models.CharField(_("idea"), max_length=120)
    description = models.TextField(_("description"), max_length=2000, blank=True)
    problem = models.TextField(_("problem it addresses"), max_length=1000, blank=True)
    source = models.CharField(
        _("source"), max_length=14, choices=Source.choices, default=Source.EMPLOYEE
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("proposed by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    #: Shown to others as anonymous; the proposer still follows it under "my ideas".
    anonymous = models.BooleanField(_("propose anonymously"), default=False)
    steps = models.ManyToManyField(
        "processes.Step", verbose_name=_("process steps"), blank=True, related_name="+"
    )
    waste_types = models.JSONField(_("waste types"), default=list, blank=True)
    feedback_answer = models.ForeignKey(
        "feedback.Answer",
        verbose_name=_("from the feedback answer"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    stage = models.CharField(
        _("stage"), max_length=10, choices=Stage.choices, default=Stage.COLLECT
    )
    effect = models.PositiveSmallIntegerField(_("effect"), null=True, blank=True, validators=SCORE)
    effort = models.PositiveSmallIntegerField(_("effort"), null=True, blank=True, validators=SCORE)
    kind = models.CharField(_("type"), max_length=10, choices=IdeaKind.choices, blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    due_date = models.DateField(_("due date"), null=True, blank=True)
    expected_hours = models.DecimalField(_("expected hours freed per year"), **HOURS)
    expected_nok = models.DecimalField(_("expected NOK per year"), **MONEY)
    expected_quality = models.CharField(_("expected quality gain"), max_length=300, blank=True)
    realised_hours = models.DecimalField(_("realised hours freed per year"), **HOURS)
    realised_nok = models.DecimalField(_("realised NOK per year"), **MONEY)
    realised_quality = models.CharField(_("realised quality gain"), max_length=300, blank=True)
    freed_time_use = models.CharField(
        _("what the freed time is used for"), max_length=300, blank=True
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("idea")
        verbose_name_plural = _("ideas")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["project", "stage"])]
        constraints = [
            models.CheckConstraint(
                condition=(Q(effect__isnull=True) | Q(effect__gte=1, effect__lte=5))
                & (Q(effort__isnull=True) | Q(effort__gte=1, effort__lte=5)),
                name="idea_scores_one_to_five",
            ),
            models.CheckConstraint(
                condition=(Q(expected_hours__isnull=True) | Q(expected_hours__gte=0))
                & (Q(realised_hours__isnull=True) | Q(realised_hours__gte=0)),
                name="idea_hours_not_negative",
            ),
        ]

    def __str__(self):
        return self.title


class StageChange(models.Model):
    """One move of an idea: who, when, from, to, and the note (the reason,
    for parking and rejecting)."""

    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="stage_changes")
    from_stage = models.CharField(max_length=10, choices=Stage.choices, blank=True)
    to_stage = models.CharField(max_length=10, choices=Stage.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    note = models.CharField(_("note"), max_length=500, blank=True)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.idea_id}: {self.from_stage} → {self.to_stage}"


class PdsaRecord(models.Model):
    """An idea of type *test* tried small first: plan, do, study, act."""

    idea = models.OneToOneField(Idea, on_delete=models.CASCADE, related_name="pdsa")
    plan = models.TextField(_("plan"), max_length=2000, blank=True)
    do = models.TextField(_("do"), max_length=2000, blank=True)
    study = models.TextField(_("study"), max_length=2000, blank=True)
    act = models.TextField(_("act"), max_length=2000, blank=True)

    class Meta:
        verbose_name = _("PDSA record")
        verbose_name_plural = _("PDSA records")

    def __str__(self):
        return f"PDSA {self.idea_id}"


class Comment(models.Model):
    """Plain text: shown escaped, with links made clickable, never as HTML."""

    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    text = models.TextField(_("comment"), max_length=2000)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return self.text[:40]


class Vote(models.Model):
    """One vote per person per idea (a database constraint: a double-click or
    twenty parallel votes make one row)."""

    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="votes")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["idea", "user"], name="one_vote_per_person_per_idea")
        ]

    def __str__(self):
        return f"{self.user_id} → {self.idea_id}"


class ActionStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", pgettext_lazy("action status", "Done")
    CANCELLED = "cancelled", _("Cancelled")


class Action(ChoiceLabels, models.Model):
    """A row of the action plan (handlingsplan): what, who, by when, status."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="actions")
    idea = models.ForeignKey(
        Idea,
        verbose_name=_("idea"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="actions",
    )
    what = models.CharField(_("action"), max_length=200)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    due_date = models.DateField(_("due date"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=ActionStatus.choices, default=ActionStatus.PLANNED
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    done_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("action")
        verbose_name_plural = _("actions")
        ordering = ["due_date", "pk"]
        indexes = [models.Index(fields=["owner", "status"])]

    def __str__(self):
        return self.what

    @property
    def is_open(self) -> bool:
        return self.status in (ActionStatus.PLANNED, ActionStatus.IN_PROGRESS)

    def is_overdue(self, today=None) -> bool:
        today = today or timezone.localdate()
        return self.is_open and self.due_date is not None and self.due_date < today


class IdeaSettings(models.Model):
    """Per project: whether it takes new ideas, and whether an employee may
    propose one anonymously. A project without a row takes ideas, not anonymous."""

    project = models.OneToOneField(Project, on_delete=models.CASCADE, related_name="idea_settings")
    open_for_ideas = models.BooleanField(_("open for new ideas"), default=True)
    allow_anonymous = models.BooleanField(_("ideas may be proposed anonymously"), default=False)

    class Meta:
        verbose_name = _("idea settings")
        verbose_name_plural = _("idea settings")

    def __str__(self):
        return f"{self.project_id}"


class NotificationSettings(models.Model):
    """What a person wants to hear about by e-mail; without a row, everything."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="idea_notifications"
    )
    stage_changes = models.BooleanField(_("when my idea changes stage"), default=True)
    assignments = models.BooleanField(_("when I am made owner of an idea or action"), default=True)
    weekly_digest = models.BooleanField(_("a weekly list of my overdue actions"), default=True)
    #: The language the e-mails are written in; blank: the site's language (bokmål).
    language = models.CharField(
        _("language of the e-mails"), max_length=5, choices=settings.LANGUAGES, blank=True
    )

    class Meta:
        verbose_name = _("notification settings")
        verbose_name_plural = _("notification settings")

    def __str__(self):
        return f"{self.user_id}"


def number_in_project():
    """An idea's number in its project: 1 for the first proposed, and so on
    (the number the report and the exports give it). An expression to
    annotate a query of ideas with."""
    from django.db.models import Count, OuterRef, Q, Subquery

    earlier = (
        Idea.objects.filter(project=OuterRef("project"))
        .filter(
            Q(created_at__lt=OuterRef("created_at"))
            | Q(created_at=OuterRef("created_at"), pk__lte=OuterRef("pk"))
        )
        .order_by()
        .values("project")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Subquery(earlier, output_field=models.IntegerField())
