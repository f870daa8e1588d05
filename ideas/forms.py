"""The idea pipeline's forms: the quick capture, a move, a comment, the idea
itself with its PDSA record, and the board's filters."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ideas.models import NEEDS_REASON, Idea, PdsaRecord, Source, Stage
from klean.forms import DateField, DecimalField
from processes.models import Step, WasteType


class CaptureForm(forms.Form):
    """The post-it: a title and one sentence."""

    title = forms.CharField(label=_("Your idea"), max_length=120)
    description = forms.CharField(
        label=_("In one sentence"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    anonymous = forms.BooleanField(label=_("Propose anonymously"), required=False)

    def __init__(self, *args, allow_anonymous=False, **kwargs):
        super().__init__(*args, **kwargs)
        if not allow_anonymous:
            del self.fields["anonymous"]


class MoveForm(forms.Form):
    to = forms.ChoiceField(label=_("Move to"), choices=Stage.choices)
    #: The stage the person saw the idea in (a move from a stale board is refused).
    from_stage = forms.ChoiceField(choices=Stage.choices, required=False, widget=forms.HiddenInput)
    note = forms.CharField(
        label=_("Why?"),
        max_length=500,
        required=False,
        help_text=_("Needed when the idea is parked or rejected."),
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def needs_reason(self) -> bool:
        return self.is_valid() and self.cleaned_data["to"] in NEEDS_REASON


class CommentForm(forms.Form):
    text = forms.CharField(
        label=_("Comment"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )


class StepChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return obj.title


class OwnerChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.display_name


class IdeaForm(forms.ModelForm):
    """The whole idea. Steps come from the project's current map only, the
    owner from the project's team only; anything else is refused by name."""

    title = forms.CharField(label=_("Idea"), max_length=120)
    steps = StepChoiceField(
        label=_("Process steps"),
        queryset=Step.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "invalid_choice": _(
                "Choose steps of this project's current process map (%(value)s is not one)."
            )
        },
    )
    waste_types = forms.MultipleChoiceField(
        label=_("Waste types"),
        choices=WasteType.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    effort = forms.TypedChoiceField(
        label=_("Effort (1–5)"),
        choices=[("", "–")] + [(n, str(n)) for n in range(1, 6)],
        coerce=int,
        empty_value=None,
        required=False,
    )
    effect = forms.TypedChoiceField(
        label=_("Effect (1–5)"),
        choices=[("", "–")] + [(n, str(n)) for n in range(1, 6)],
        coerce=int,
        empty_value=None,
        required=False,
    )
    owner = OwnerChoiceField(
        label=_("Owner"),
        queryset=None,
        required=False,
        error_messages={"invalid_choice": _("The owner must be on the project's team.")},
    )
    due_date = DateField(label=_("Due date"), required=False)
    expected_hours = DecimalField(
        label=_("Expected hours freed per year"),
        required=False,
        min_value=0,
        max_digits=10,
        decimal_places=1,
    )
    expected_nok = DecimalField(
        label=_("Expected NOK per year"),
        required=False,
        min_value=0,
        max_digits=12,
        decimal_places=2,
    )
    realised_hours = DecimalField(
        label=_("Realised hours freed per year"),
        required=False,
        min_value=0,
        max_digits=10,
        decimal_places=1,
    )
    realised_nok = DecimalField(
        label=_("Realised NOK per year"),
        required=False,
        min_value=0,
        max_digits=12,
        decimal_places=2,
    )

    class Meta:
        model = Idea
        fields = [
            "title",
            "description",
            "problem",
            "source",
            "steps",
            "waste_types",
            "effort",
            "effect",
            "kind",
            "owner",
            "due_date",
            "expected_hours",
            "expected_nok",
            "expected_quality",
            "realised_hours",
            "realised_nok",
            "realised_quality",
            "freed_time_use",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "problem": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, project, current_map=None, team=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["steps"].queryset = (
            Step.objects.filter(map=current_map).order_by("order", "pk")
            if current_map is not None
            else Step.objects.none()
        )
        self.fields["owner"].queryset = team
        self.fields["owner"].empty_label = _("– nobody yet –")
        self.fields["kind"].choices = [("", "–"), *self.fields["kind"].choices[1:]]
        if current_map is None:
            del self.fields["steps"]


class PdsaForm(forms.ModelForm):
    """An idea of type *test* tried small first."""

    class Meta:
        model = PdsaRecord
        fields = ["plan", "do", "study", "act"]
        labels = {
            "plan": _("Plan: what do we try, and what do we expect?"),
            "do": _("Do: what did we do?"),
            "study": _("Study: what happened, compared with what we expected?"),
            "act": _("Act: keep, adjust or drop it?"),
        }
        widgets = {name: forms.Textarea(attrs={"rows": 2}) for name in fields}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, prefix="pdsa", **kwargs)

    def is_empty(self) -> bool:
        return not any(self.cleaned_data.get(name) for name in self.Meta.fields)


class BoardFilterForm(forms.Form):
    """The board's filters, as plain GET parameters."""

    waste = forms.ChoiceField(
        label=_("Waste type"), choices=[("", _("All")), *WasteType.choices], required=False
    )
    step = forms.TypedChoiceField(label=_("Process step"), coerce=int, required=False)
    owner = forms.TypedChoiceField(label=_("Owner"), coerce=int, required=False)
    source = forms.ChoiceField(
        label=_("Source"), choices=[("", _("All")), *Source.choices], required=False
    )

    def __init__(self, *args, steps=(), owners=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["step"].choices = [("", _("All"))] + [(s.pk, s.title) for s in steps]
        self.fields["owner"].choices = [("", _("All"))] + [(u.pk, u.display_name) for u in owners]

    def filter(self, ideas):
        if not self.is_valid():
            return ideas
        data = self.cleaned_data
        if data.get("waste"):
            # A JSON list of codes; the quotes keep one code from matching another's part.
            ideas = ideas.filter(waste_types__icontains=f'"{data["waste"]}"')
        if data.get("step"):
            ideas = ideas.filter(steps__pk=data["step"])
        if data.get("owner"):
            ideas = ideas.filter(owner_id=data["owner"])
        if data.get("source"):
            ideas = ideas.filter(source=data["source"])
        return ideas

    def active(self) -> bool:
        return self.is_valid() and any(self.cleaned_data.values())
