"""User and resident feedback: forms, questions and anonymous answers.

A project's team builds a form from ordered questions, written in bokmål and
optionally given in nynorsk and English. Residents answer it at a short public
address (``/f/<token>/``), on a QR poster or on a kiosk tablet, without
logging in.

Answers are anonymous (QUALITY.md G1–G3): a ``Response`` keeps the form, the
language and the day it came in — no time of day, no IP address, no user
agent, no cookie id — and its id is random. A resident who ticks "you may
contact me" leaves an e-mail address in ``ContactRequest``, which has no link
to any answer. Free-text answers are deleted when the form's retention period
has run out (a scheduled task), and the facilitator's themes with them.
"""

import secrets
import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from klean.choices import ChoiceLabels
from projects.models import Project

#: Languages a resident may answer in; a form is always written in the first.
LANGUAGES = ("nb", "nn", "en")
#: The smallest group whose answers are shown apart (breakdowns, free text).
MIN_GROUP = 5
MAX_QUESTIONS = 30
MAX_OPTIONS = 12
SHORT_TEXT = 200
LONG_TEXT = 2000


def new_token() -> str:
    """An unguessable public address: 128 random bits, URL-safe (22 characters)."""
    return secrets.token_urlsafe(16)


class FormStatus(models.TextChoices):
    # A form's state, as staff and residents both read it («Åpent», «Stengt»).
    DRAFT = "draft", pgettext_lazy("form status", "Draft")
    OPEN = "open", pgettext_lazy("form status", "Open")
    CLOSED = "closed", pgettext_lazy("form status", "Closed")


class QuestionKind(models.TextChoices):
    WHAT_MATTERS = "what_matters", _("What matters to you?")
    SATISFACTION = "satisfaction", _("Satisfaction 1–5")
    YES_NO = "yes_no", _("Yes or no")
    SINGLE = "single", _("One choice")
    MULTIPLE = "multiple", _("Several choices")
    SHORT_TEXT = "short_text", _("Short text")
    LONG_TEXT = "long_text", _("Long text")


#: Kinds answered in the resident's own words (deleted after the retention period).
FREE_TEXT_KINDS = frozenset(
    {QuestionKind.WHAT_MATTERS, QuestionKind.SHORT_TEXT, QuestionKind.LONG_TEXT}
)
CHOICE_KINDS = frozenset({QuestionKind.SINGLE, QuestionKind.MULTIPLE})


class Translated:
    """Read a field in the active language: ``title`` in bokmål (always
    given), ``title_nn`` / ``title_en`` when given, else bokmål."""

    def translated(self, name: str, language: str | None = None) -> str:
        language = (language or get_language() or "nb")[:2]
        if language != "nb":
            value = getattr(self, f"{name}_{language}", "")
            if value:
                return value
        return getattr(self, name)


class Form(ChoiceLabels, Translated, models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="feedback_forms")
    title = models.CharField(_("title"), max_length=120)
    title_nn = models.CharField(_("title in nynorsk"), max_length=120, blank=True)
    title_en = models.CharField(_("title in English"), max_length=120, blank=True)
    intro = models.TextField(_("introduction"), max_length=1000, blank=True)
    intro_nn = models.TextField(_("introduction in nynorsk"), max_length=1000, blank=True)
    intro_en = models.TextField(_("introduction in English"), max_length=1000, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=FormStatus.choices, default=FormStatus.DRAFT
    )
    token = models.CharField(max_length=32, unique=True, default=new_token, editable=False)
    offer_contact = models.BooleanField(
        _("offer «you may contact me»"),
        default=False,
        help_text=_("Residents may leave an e-mail address, kept apart from their answers."),
    )
    retention_days = models.PositiveIntegerField(
        _("keep free-text answers for (days)"),
        default=365,
        validators=[MinValueValidator(1), MaxValueValidator(3650)],
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    opened_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("feedback form")
        verbose_name_plural = _("feedback forms")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return self.title

    @property
    def is_open(self) -> bool:
        return self.status == FormStatus.OPEN

    def languages(self) -> list[str]:
        """The languages the form can be read in: bokmål, and nynorsk and
        English when the title is given in them."""
        return ["nb"] + [code for code in ("nn", "en") if getattr(self, f"title_{code}")]


class Question(ChoiceLabels, Translated, models.Model):
    form = models.ForeignKey(Form, on_delete=models.CASCADE, related_name="questions")
    order = models.PositiveIntegerField(default=0)
    kind = models.CharField(_("kind"), max_length=14, choices=QuestionKind.choices)
    text = models.CharField(_("question"), max_length=300)
    text_nn = models.CharField(_("question in nynorsk"), max_length=300, blank=True)
    text_en = models.CharField(_("question in English"), max_length=300, blank=True)
    help = models.CharField(_("help text"), max_length=300, blank=True)
    help_nn = models.CharField(_("help text in nynorsk"), max_length=300, blank=True)
    help_en = models.CharField(_("help text in English"), max_length=300, blank=True)
    required = models.BooleanField(_("required"), default=False)
    #: For choices: [{"nb": "…", "nn": "…", "en": "…"}, …]; an answer stores the index.
    options = models.JSONField(_("options"), default=list, blank=True)
    step = models.ForeignKey(
        "processes.Step",
        verbose_name=_("process step"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["order", "pk"]

    def __str__(self):
        return self.text

    @property
    def is_free_text(self) -> bool:
        return self.kind in FREE_TEXT_KINDS

    def option_labels(self, language: str | None = None) -> list[str]:
        language = (language or get_language() or "nb")[:2]
        return [option.get(language) or option.get("nb", "") for option in self.options]


class Response(models.Model):
    """One resident's answers to a form. Deliberately without a time of day,
    an IP address, a user agent or anything else that could say who answered."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    form = models.ForeignKey(Form, on_delete=models.CASCADE, related_name="responses")
    language = models.CharField(max_length=2, default="nb")
    submitted_on = models.DateField(default=timezone.localdate, db_index=True)

    class Meta:
        verbose_name = _("response")
        verbose_name_plural = _("responses")
        indexes = [models.Index(fields=["form", "submitted_on"])]

    def __str__(self):
        return f"{self.form_id}/{self.pk}"


class Answer(models.Model):
    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers")
    #: Satisfaction 1–5, yes (1) / no (0), or the index of a single choice.
    number = models.SmallIntegerField(null=True, blank=True)
    #: The indexes of a multiple choice.
    choices = models.JSONField(default=list, blank=True)
    text = models.TextField(blank=True, max_length=LONG_TEXT)
    #: When the free text was deleted at the end of the retention period.
    text_deleted_on = models.DateField(null=True, blank=True)
    themes = models.ManyToManyField("Theme", related_name="answers", blank=True)

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        constraints = [
            models.UniqueConstraint(
                fields=["response", "question"], name="one_answer_per_question"
            ),
            models.CheckConstraint(
                condition=Q(number__isnull=True) | Q(number__gte=0, number__lte=MAX_OPTIONS),
                name="answer_number_in_range",
            ),
        ]

    def __str__(self):
        return f"{self.response_id}/{self.question_id}"


class Theme(models.Model):
    """A theme the facilitator tags free-text answers with ("venting", "uklare brev")."""

    form = models.ForeignKey(Form, on_delete=models.CASCADE, related_name="themes")
    name = models.CharField(_("theme"), max_length=60)

    class Meta:
        verbose_name = _("theme")
        verbose_name_plural = _("themes")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["form", "name"], name="theme_name_unique_in_form")
        ]

    def __str__(self):
        return self.name


class ContactRequest(models.Model):
    """ "You may contact me": an e-mail address left with a form, kept apart
    from the answers (no link to the response) and deletable by the team."""

    form = models.ForeignKey(Form, on_delete=models.CASCADE, related_name="contact_requests")
    email = models.EmailField(_("e-mail address"))
    submitted_on = models.DateField(default=timezone.localdate)

    class Meta:
        verbose_name = _("contact request")
        verbose_name_plural = _("contact requests")
        ordering = ["-submitted_on", "pk"]

    def __str__(self):
        return self.email
