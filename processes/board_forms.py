"""The board editor's forms: a step typed as on the brown paper (times as a
number and a unit, with a decimal comma), a swimlane, a quick add and a move.

Each form carries the map version it was rendered from (``version``), so
that ``processes.services`` can refuse a change made on a stale board.
"""

from decimal import ROUND_HALF_UP, Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from klean.forms import DecimalField
from processes.models import (
    MAX_MINUTES,
    UNIT_MINUTES,
    Lane,
    LaneKind,
    Step,
    TimeUnit,
    ValueClass,
    WasteType,
)


class VersionedForm(forms.Form):
    version = forms.IntegerField(min_value=1, widget=forms.HiddenInput)


def minutes_of(value: Decimal, unit: str) -> int:
    return int((value * UNIT_MINUTES[unit]).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def typed_value(minutes: int, unit: str) -> Decimal:
    """Minutes shown in the unit they were typed in (90 minutes in hours: 1,5)."""
    value = Decimal(minutes) / UNIT_MINUTES[unit]
    return value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP).normalize()


class StepForm(VersionedForm):
    title = forms.CharField(
        label=_("Activity"),
        max_length=120,
        help_text=_("A verb and a noun: «registrere søknad»."),
    )
    description = forms.CharField(
        label=_("Description"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    processing = DecimalField(label=_("Processing time"), required=False, max_digits=12)
    processing_unit = forms.ChoiceField(label=_("Unit of processing time"), choices=TimeUnit)
    waiting = DecimalField(label=_("Waiting time"), required=False, max_digits=12)
    waiting_unit = forms.ChoiceField(label=_("Unit of waiting time"), choices=TimeUnit)
    people = forms.IntegerField(
        label=_("People involved"), required=False, min_value=1, max_value=500
    )
    it_system = forms.CharField(label=_("IT system"), max_length=100, required=False)
    error_rate = DecimalField(
        label=_("Errors / rework (%)"),
        required=False,
        min_value=0,
        max_value=100,
        max_digits=5,
        decimal_places=1,
    )
    value_class = forms.ChoiceField(
        label=_("Value class"),
        choices=[("", _("Not classified yet")), *ValueClass.choices],
        required=False,
        widget=forms.RadioSelect,
    )
    waste_types = forms.MultipleChoiceField(
        label=_("Waste types"),
        choices=WasteType.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    @classmethod
    def initial_for(cls, step: Step) -> dict:
        return {
            "version": step.map.version,
            "title": step.title,
            "description": step.description,
            "processing": typed_value(step.processing_minutes, step.processing_unit),
            "processing_unit": step.processing_unit,
            "waiting": typed_value(step.waiting_minutes, step.waiting_unit),
            "waiting_unit": step.waiting_unit,
            "people": step.people,
            "it_system": step.it_system,
            "error_rate": step.error_rate,
            "value_class": step.value_class,
            "waste_types": list(step.waste_types),
        }

    def _time(self, name: str) -> None:
        value = self.cleaned_data.get(name)
        unit = self.cleaned_data.get(f"{name}_unit")
        if value is None or unit is None:
            self.cleaned_data[f"{name}_minutes"] = 0
            return
        if value < 0:
            self.add_error(name, _("A time cannot be negative."))
            return
        minutes = minutes_of(value, unit)
        if minutes > MAX_MINUTES:
            self.add_error(name, _("At most 10 years (2,500 working days)."))
            return
        self.cleaned_data[f"{name}_minutes"] = minutes

    def clean(self):
        cleaned = super().clean()
        self._time("processing")
        self._time("waiting")
        return cleaned

    def changes(self) -> dict:
        """The step's fields as ``services.edit_step`` takes them."""
        data = self.cleaned_data
        return {
            "title": data["title"],
            "description": data["description"],
            "processing_minutes": data["processing_minutes"],
            "processing_unit": data["processing_unit"],
            "waiting_minutes": data["waiting_minutes"],
            "waiting_unit": data["waiting_unit"],
            "people": data["people"],
            "it_system": data["it_system"],
            "error_rate": data["error_rate"],
            "value_class": data["value_class"],
            "waste_types": [code for code in WasteType.values if code in data["waste_types"]],
        }


class QuickAddForm(VersionedForm):
    title = forms.CharField(label=_("New step"), max_length=120)
    lane = forms.IntegerField(widget=forms.HiddenInput)
    token = forms.CharField(max_length=40, widget=forms.HiddenInput)


class LaneForm(VersionedForm):
    name = forms.CharField(label=_("Name of the swimlane"), max_length=80)
    kind = forms.ChoiceField(label=_("Kind"), choices=LaneKind)
    organisation = forms.ModelChoiceField(
        label=_("Organisation"), queryset=None, required=False, empty_label=_("(none)")
    )

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations

    @classmethod
    def initial_for(cls, lane: Lane) -> dict:
        return {
            "version": lane.map.version,
            "name": lane.name,
            "kind": lane.kind,
            "organisation": lane.organisation_id,
        }


class NewLaneForm(VersionedForm):
    name = forms.CharField(label=_("Name of the swimlane"), max_length=80)
    kind = forms.ChoiceField(label=_("Kind"), choices=LaneKind, initial=LaneKind.ROLE)
    token = forms.CharField(max_length=40, widget=forms.HiddenInput)


class MoveForm(VersionedForm):
    """A move's intent: one place earlier or later (``shift``), or into a
    lane (``lane``) and, when ``after`` is posted, right after that step
    (empty: first); without ``after`` the step keeps its place in the sequence."""

    shift = forms.TypedChoiceField(
        choices=[("-1", "-1"), ("1", "1")], coerce=int, required=False, empty_value=None
    )
    lane = forms.IntegerField(label=_("Swimlane"), required=False, min_value=1)
    after = forms.IntegerField(required=False, min_value=1)

    def clean(self):
        cleaned = super().clean()
        cleaned["place"] = "after" in self.data
        if cleaned.get("shift") is None and not cleaned.get("lane") and not cleaned["place"]:
            raise forms.ValidationError(_("Say where the step should go."))
        return cleaned


class OffsetForm(VersionedForm):
    offset = forms.TypedChoiceField(choices=[("-1", "-1"), ("1", "1")], coerce=int)
