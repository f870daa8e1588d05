from django import forms
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from accounts.models import Organisation
from accounts.validators import normalise_org_number, validate_org_number
from klean.forms import DateField, DecimalField
from projects.method import Phase
from projects.models import (
    Direction,
    Goal,
    Measurement,
    Project,
    ProjectKind,
    ProjectRole,
    ProjectStatus,
    ServiceArea,
    Unit,
)

PERCENT_RANGE_ERROR = _("A percentage is between 0 and 100.")


def is_percentage(value) -> bool:
    return 0 <= value <= 100


class ProjectForm(forms.ModelForm):
    class Meta:
        model = Project
        fields = [
            "title",
            "kind",
            "service_area",
            "status",
            "process_name",
            "process_start",
            "process_end",
            "start_date",
            "planned_end_date",
            "background",
            "mandate",
            "benefit_plan",
            "phases_together",
            "lessons_learned",
            "next_steps",
        ]
        field_classes = {"start_date": DateField, "planned_end_date": DateField}
        widgets = {
            "background": forms.Textarea(attrs={"rows": 4}),
            "mandate": forms.Textarea(attrs={"rows": 4}),
            "benefit_plan": forms.Textarea(attrs={"rows": 3}),
            "lessons_learned": forms.Textarea(attrs={"rows": 3}),
            "next_steps": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, creating: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if creating:
            # Filled in towards the end of a project, not when it starts.
            for name in ("status", "lessons_learned", "next_steps"):
                del self.fields[name]

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start_date"), cleaned.get("planned_end_date")
        if start and end and end < start:
            self.add_error(
                "planned_end_date", _("The planned end date cannot be before the start date.")
            )
        return cleaned


class ProjectFilterForm(forms.Form):
    """The project list's filters; invalid values are ignored, never an error page."""

    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    phase = forms.TypedChoiceField(
        label=_("Phase"),
        choices=[("", _("All phases")), *Phase.choices],
        coerce=int,
        required=False,
        empty_value=None,
    )
    service_area = forms.ChoiceField(
        label=_("Service area"),
        choices=[("", _("All areas")), *ServiceArea.choices],
        required=False,
    )
    status = forms.ChoiceField(
        label=_("Status"), choices=[("", _("All statuses")), *ProjectStatus.choices], required=False
    )
    kind = forms.ChoiceField(
        label=_("Kind"), choices=[("", _("All kinds")), *ProjectKind.choices], required=False
    )
    mine = forms.BooleanField(label=_("Only projects I am on"), required=False)

    def filter(self, projects, user):
        if not self.is_valid():
            return projects
        data = self.cleaned_data
        projects = projects.search(data["q"])
        if data["phase"] is not None:
            projects = projects.filter(phase=data["phase"])
        for field in ("service_area", "status", "kind"):
            if data[field]:
                projects = projects.filter(**{field: data[field]})
        if data["mine"]:
            projects = projects.filter(team__user=user)
        return projects


class PhaseForm(forms.Form):
    phase = forms.TypedChoiceField(label=_("Move to phase"), choices=Phase.choices, coerce=int)
    note = forms.CharField(
        label=_("Note (optional)"), max_length=500, required=False, widget=forms.TextInput()
    )
    # Set by the confirmation page when the move skips phases.
    confirm = forms.BooleanField(required=False, widget=forms.HiddenInput)


class PhaseMarkForm(forms.Form):
    """Mark a phase done (or not) on purpose, whatever its checklist says."""

    phase = forms.TypedChoiceField(choices=Phase.choices, coerce=int)
    done = forms.BooleanField(required=False)


class ChecklistForm(forms.Form):
    """One press of a checklist button: ``tick`` is "phase:item:on" or "phase:item:off"."""

    tick = forms.CharField(max_length=60)

    def clean_tick(self):
        phase, _sep, rest = self.cleaned_data["tick"].partition(":")
        item, _sep, state = rest.partition(":")
        if not phase.isdecimal() or int(phase) not in Phase.values or state not in ("on", "off"):
            raise forms.ValidationError(_("That checklist item does not exist."))
        self.phase, self.item, self.done = int(phase), item, state == "on"
        return self.cleaned_data["tick"]


class GoalForm(forms.ModelForm):
    class Meta:
        model = Goal
        fields = ["name", "unit", "direction", "baseline", "baseline_date", "target"]
        field_classes = {
            "baseline": DecimalField,
            "baseline_date": DateField,
            "target": DecimalField,
        }
        help_texts = {
            "name": _("What is measured, e.g. “Case handling time, ordinary building cases”."),
            "baseline": _("The value before the project (the baseline)."),
            "target": _("The value the project aims for."),
        }

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("unit") == Unit.PERCENT:
            for name in ("baseline", "target"):
                value = cleaned.get(name)
                if value is not None and not is_percentage(value):
                    self.add_error(name, PERCENT_RANGE_ERROR)  # drops it from cleaned
        baseline, target = cleaned.get("baseline"), cleaned.get("target")
        direction = cleaned.get("direction")
        if baseline is None or target is None or not direction:
            return cleaned
        if target == baseline:
            self.add_error("target", _("The target must differ from the baseline."))
        elif direction == Direction.LOWER and target > baseline:
            self.add_error(
                "target", _("Lower is better here, so the target must be below the baseline.")
            )
        elif direction == Direction.HIGHER and target < baseline:
            self.add_error(
                "target", _("Higher is better here, so the target must be above the baseline.")
            )
        return cleaned

    def warnings(self) -> list[str]:
        """What a valid goal may still have wrong: a baseline date in the future
        is usually a typo, but the goal is saved all the same."""
        baseline_date = self.cleaned_data["baseline_date"]
        if baseline_date > timezone.localdate():
            return [
                _(
                    "The baseline date %(date)s is in the future. If that is a typo, "
                    "edit the goal and correct it."
                )
                % {"date": date_format(baseline_date)}
            ]
        return []


class MeasurementForm(forms.ModelForm):
    class Meta:
        model = Measurement
        fields = ["date", "value", "note"]
        field_classes = {"date": DateField, "value": DecimalField}

    replace = forms.BooleanField(
        required=False,
        label=_("Yes, replace the measurement of that day"),
        widget=forms.HiddenInput,
    )

    def __init__(self, *args, goal: Goal, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.goal = goal
        self.fields["date"].error_messages["required"] = _("A measurement needs a date.")
        self.fields["value"].error_messages["required"] = _("Write the measured value.")

    def offer_to_replace(self, error) -> None:
        """The date already has a measurement: say so, and let the person
        confirm that the new value replaces it."""
        self.add_error("date", error)
        self.fields["replace"].widget = forms.CheckboxInput()

    def clean_date(self):
        """Not in the future, and not before the goal's baseline was measured:
        either would move the goal's progress by a mistyped date."""
        day = self.cleaned_data["date"]
        goal = self.instance.goal
        if day > timezone.localdate():
            raise forms.ValidationError(_("A measurement cannot be in the future. Check the date."))
        if day < goal.baseline_date:
            raise forms.ValidationError(
                _("The baseline was measured on %(date)s; a measurement comes after it.")
                % {"date": date_format(goal.baseline_date, "SHORT_DATE_FORMAT")}
            )
        return day

    def clean_value(self):
        value = self.cleaned_data["value"]
        if self.instance.goal.unit == Unit.PERCENT and not is_percentage(value):
            raise forms.ValidationError(PERCENT_RANGE_ERROR)
        return value


class TeamMemberForm(forms.Form):
    membership = forms.ModelChoiceField(
        label=_("Person"), queryset=None, empty_label=_("Choose a person")
    )
    role = forms.ChoiceField(
        label=_("Role in the project"), choices=ProjectRole.choices, initial=ProjectRole.MEMBER
    )

    def __init__(self, *args, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["membership"].queryset = candidates
        self.fields["membership"].label_from_instance = lambda m: (
            f"{m.user.display_name} – {m.organisation.name}"
        )


class TeamRoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Role in the project"), choices=ProjectRole.choices)


class PartnerForm(forms.Form):
    org_number = forms.CharField(
        label=_("The partner's organisation number"),
        max_length=20,
        help_text=_("Nine digits. The partner organisation must already use K-LEAN."),
    )

    def clean_org_number(self):
        number = normalise_org_number(self.cleaned_data["org_number"])
        validate_org_number(number)
        organisation = Organisation.objects.filter(org_number=number).first()
        if organisation is None:
            raise forms.ValidationError(
                _("No organisation with this number uses K-LEAN. Ask its administrator to join.")
            )
        self.organisation = organisation
        return number
