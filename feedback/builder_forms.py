"""The builder's forms: a new feedback form, its settings, and one question."""

from django import forms
from django.core import signing
from django.utils.translation import gettext_lazy as _

from feedback.models import (
    CHOICE_KINDS,
    LANGUAGES,
    MAX_OPTIONS,
    Form,
    Question,
    QuestionKind,
    new_token,
)
from feedback.services import check_question_change
from feedback.templates import TEMPLATES
from processes.models import MapKind, Step

OPTION_LENGTH = 100
BLANK = "blank"
_CREATE_SALT = "feedback.form_create"
#: How long the page to create a form stays valid (a day: a tab left open over lunch).
CREATE_MAX_AGE = 24 * 60 * 60


class CreateForm(forms.Form):
    """A new form from a K-LEAN template or blank.

    ``once`` carries the public token the new form will get, signed by us
    when the page was shown: a double-click posts the same token twice, and
    the database (unique token) lets only one form be made from it.
    """

    template = forms.ChoiceField(
        label=_("Start from"),
        widget=forms.RadioSelect,
        initial="service_survey",
    )
    title = forms.CharField(
        label=_("Title"),
        max_length=Form._meta.get_field("title").max_length,
        required=False,
        help_text=_(
            "Leave empty to use the template's title. A title of your own replaces the "
            "template's in every language: give it in nynorsk and English below, or the form "
            "has no nynorsk or English title."
        ),
    )
    title_nn = forms.CharField(
        label=_("Title in nynorsk"),
        max_length=Form._meta.get_field("title_nn").max_length,
        required=False,
    )
    title_en = forms.CharField(
        label=_("Title in English"),
        max_length=Form._meta.get_field("title_en").max_length,
        required=False,
    )
    service = forms.CharField(
        label=_("What residents applied for or used"),
        max_length=60,
        required=False,
        help_text=_(
            "Completes the introduction «Think of the last time you applied for …», "
            "e.g. «byggetillatelse»."
        ),
    )
    service_nn = forms.CharField(
        label=_("The same in nynorsk"),
        max_length=60,
        required=False,
        help_text=_("E.g. «byggjeløyve». Left empty, the nynorsk text says «ei teneste hos oss»."),
    )
    service_en = forms.CharField(
        label=_("The same in English"),
        max_length=60,
        required=False,
        help_text=_(
            "E.g. «a building permit». Left empty, the English text says «one of our services»."
        ),
    )
    once = forms.CharField(widget=forms.HiddenInput, max_length=200)

    def __init__(self, *args, project, **kwargs):
        super().__init__(*args, **kwargs)
        # A page shown for one project cannot make a form in another.
        self.salt = f"{_CREATE_SALT}:{project.pk}"
        self.fields["template"].choices = [
            *((t.key, t.name) for t in TEMPLATES.values()),
            (BLANK, _("A blank form")),
        ]
        if not self.is_bound:
            self.initial["once"] = signing.dumps(new_token(), salt=self.salt)

    def clean_once(self):
        try:
            token = signing.loads(self.cleaned_data["once"], salt=self.salt, max_age=CREATE_MAX_AGE)
        except signing.BadSignature as error:
            raise forms.ValidationError(
                _("The page has expired. Check the fields and press the button again."),
                code="expired",
            ) from error
        return token

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("template") == BLANK and not cleaned.get("title"):
            self.add_error("title", _("A blank form needs a title."))
        return cleaned

    def renew(self) -> None:
        """Give an expired page a fresh token, keeping what was typed."""
        self.data = self.data.copy()
        self.data["once"] = signing.dumps(new_token(), salt=self.salt)


class SettingsForm(forms.ModelForm):
    class Meta:
        model = Form
        fields = [
            "title",
            "title_nn",
            "title_en",
            "intro",
            "intro_nn",
            "intro_en",
            "offer_contact",
            "retention_days",
        ]
        widgets = {
            "intro": forms.Textarea(attrs={"rows": 3}),
            "intro_nn": forms.Textarea(attrs={"rows": 3}),
            "intro_en": forms.Textarea(attrs={"rows": 3}),
            "retention_days": forms.TextInput(attrs={"inputmode": "numeric"}),
        }
        help_texts = {
            "title_nn": _("Give a nynorsk title to offer the form in nynorsk."),
            "title_en": _("Give an English title to offer the form in English."),
            "retention_days": _(
                "Free-text answers are deleted this many days after they came in "
                "(1 to 3650). Scores and choices are kept."
            ),
        }


def kind_label(kind: str) -> str:
    """A kind's name in the builder: «What matters to you?» names a free-text
    question, which the builder says."""
    if kind == QuestionKind.WHAT_MATTERS:
        return _("What matters to you? (free text)")
    return QuestionKind(kind).label


def kind_choices() -> list[tuple[str, str]]:
    return [(kind.value, kind_label(kind)) for kind in QuestionKind]


def _lines(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


class QuestionForm(forms.ModelForm):
    """One question: its kind, its words in bokmål (and nynorsk and English),
    its options one per line, and the process step it is about.

    ``answers`` is how many answers the question has: with answers, only the
    wording may change (``services.check_question_change``).
    """

    options_nb = forms.CharField(
        label=_("Options"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=MAX_OPTIONS * (OPTION_LENGTH + 2),
        help_text=_(
            "Only for «One choice» and «Several choices»: one option per line, at most %(max)d."
        )
        % {"max": MAX_OPTIONS},
    )
    options_nn = forms.CharField(
        label=_("Options in nynorsk"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=MAX_OPTIONS * (OPTION_LENGTH + 2),
        help_text=_("Optional: the same options in the same order, one per line."),
    )
    options_en = forms.CharField(
        label=_("Options in English"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=MAX_OPTIONS * (OPTION_LENGTH + 2),
        help_text=_("Optional: the same options in the same order, one per line."),
    )

    class Meta:
        model = Question
        fields = [
            "kind",
            "text",
            "text_nn",
            "text_en",
            "help",
            "help_nn",
            "help_en",
            "required",
            "step",
        ]
        widgets = {
            "text": forms.Textarea(attrs={"rows": 2}),
            "text_nn": forms.Textarea(attrs={"rows": 2}),
            "text_en": forms.Textarea(attrs={"rows": 2}),
        }
        labels = {"required": _("An answer is required")}
        help_texts = {
            "text": _(
                "Ask about a concrete experience («Think of the last time you …»), not about "
                "wishes. Never ask for names, national ID numbers, addresses, phone numbers "
                "or health details."
            ),
            "step": _("Optional: the step of the current process map the question is about."),
        }

    field_order = [
        "kind",
        "text",
        "text_nn",
        "text_en",
        "options_nb",
        "options_nn",
        "options_en",
        "help",
        "help_nn",
        "help_en",
        "required",
        "step",
    ]

    def __init__(self, *args, project, answers: int = 0, **kwargs):
        super().__init__(*args, **kwargs)
        self.answers = answers
        kind = self.fields["kind"]
        kind.choices = kind_choices()  # no blank «---------» first
        kind.widget.attrs["data-choice-kinds"] = " ".join(sorted(CHOICE_KINDS))
        if answers:
            # Its answers would no longer fit another kind (services.check_question_change).
            kind.disabled = True
            kind.help_text = _("The question has answers, so its kind cannot change.")
        self.fields["text"].error_messages["required"] = _("Write the question.")
        steps = (
            Step.objects.filter(map__project=project, map__kind=MapKind.CURRENT)
            .select_related("lane")
            .order_by("lane__order", "order", "pk")
        )
        step = self.fields["step"]
        step.queryset = steps
        step.empty_label = _("No step")
        step.label_from_instance = lambda s: f"{s.lane.name}: {s.title}"
        step.error_messages["invalid_choice"] = _(
            "Choose a step of this project's current process map."
        )
        if not self.is_bound and self.instance.options:
            for language in LANGUAGES:
                self.initial[f"options_{language}"] = "\n".join(
                    option.get(language, "") for option in self.instance.options
                ).strip("\n")

    def clean(self):
        cleaned = super().clean()
        kind = cleaned.get("kind")
        options = []
        if kind in CHOICE_KINDS:
            options = self._options(cleaned)
        cleaned["options"] = options
        if kind and not self.errors:
            try:
                check_question_change(
                    self.instance, kind=kind, options=options, answers=self.answers
                )
            except forms.ValidationError as error:
                if "options" in error.error_dict:
                    error = forms.ValidationError({"options_nb": error.error_dict["options"]})
                self.add_error(None, error)
        return cleaned

    def _options(self, cleaned) -> list[dict]:
        lines = {language: _lines(cleaned.get(f"options_{language}")) for language in LANGUAGES}
        nb = lines["nb"]
        if len(nb) < 2:
            self.add_error("options_nb", _("Give at least two options, one per line."))
            return []
        if len(nb) > MAX_OPTIONS:
            self.add_error(
                "options_nb",
                _("At most %(max)d options; you gave %(count)d.")
                % {"max": MAX_OPTIONS, "count": len(nb)},
            )
            return []
        for language in LANGUAGES:
            for number, line in enumerate(lines[language], start=1):
                if len(line) > OPTION_LENGTH:
                    self.add_error(
                        f"options_{language}",
                        _("Option %(number)d is longer than %(max)d characters.")
                        % {"number": number, "max": OPTION_LENGTH},
                    )
                    return []
        if len({line.casefold() for line in nb}) != len(nb):
            self.add_error("options_nb", _("Two options have the same words."))
            return []
        for language in ("nn", "en"):
            if lines[language] and len(lines[language]) != len(nb):
                self.add_error(
                    f"options_{language}",
                    _("Give as many options here as in bokmål (%(count)d), in the same order.")
                    % {"count": len(nb)},
                )
                return []
        return [
            {
                "nb": line,
                **{code: lines[code][i] for code in ("nn", "en") if lines[code]},
            }
            for i, line in enumerate(nb)
        ]

    def save(self, commit=True):
        self.instance.options = self.cleaned_data["options"]
        return super().save(commit=commit)


class MoveForm(forms.Form):
    direction = forms.ChoiceField(choices=[("up", "up"), ("down", "down")])
