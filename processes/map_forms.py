"""The forms of a project's maps: start the current map, change a map's settings."""

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils.translation import gettext_lazy as _

from processes.models import MAX_LANES

MAX_VOLUME = 10_000_000


class VolumeField(forms.IntegerField):
    """A count typed as people write it: "1 200" and "1200" are twelve hundred."""

    widget = forms.TextInput
    default_error_messages = {"invalid": _("Write a whole number, e.g. 1 200.")}

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.validators = [
            MinValueValidator(1, _("Write at least 1, or leave the field empty.")),
            MaxValueValidator(
                MAX_VOLUME, _("At most 10 000 000 a year: check the number, is it per year?")
            ),
        ]

    def widget_attrs(self, widget):
        return {**super().widget_attrs(widget), "inputmode": "numeric"}

    def to_python(self, value):
        if isinstance(value, str):
            value = "".join(value.split())  # spaces of any kind group thousands
        return super().to_python(value)


class MapForm(forms.Form):
    """A map's settings: name, yearly volume, where the process starts and ends."""

    name = forms.CharField(label=_("Name of the map"), max_length=120)
    yearly_volume = VolumeField(
        label=_("Cases per year"),
        required=False,
        help_text=_("How many times a year the process runs; gives hours and FTEs per year."),
    )
    start_point = forms.CharField(
        label=_("The process starts when…"),
        max_length=200,
        required=False,
        help_text=_("E.g. the application is received."),
    )
    end_point = forms.CharField(
        label=_("The process ends when…"),
        max_length=200,
        required=False,
        help_text=_("E.g. the decision is sent."),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, versioned: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if not versioned:
            del self.fields["version"]

    def map_fields(self) -> dict:
        return {
            name: self.cleaned_data[name]
            for name in ("name", "yearly_volume", "start_point", "end_point")
        }


class StartMapForm(MapForm):
    """The current map's settings and, optionally, its swimlanes, one per line."""

    lanes = forms.CharField(
        label=_("Swimlanes"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "One per line: the roles, units or organisations that take part, "
            "e.g. applicant, service desk, case handler. You can add more on the board."
        ),
    )

    def clean_lanes(self):
        names = [line.strip() for line in self.cleaned_data["lanes"].splitlines() if line.strip()]
        if len(names) > MAX_LANES:
            raise forms.ValidationError(
                _("At most %(count)s swimlanes."), params={"count": MAX_LANES}
            )
        for number, name in enumerate(names, start=1):
            if len(name) > 80:
                raise forms.ValidationError(
                    _("Line %(line)s is longer than 80 characters."), params={"line": number}
                )
        seen = set()
        unique = []
        for name in names:
            if name.casefold() not in seen:
                seen.add(name.casefold())
                unique.append(name)
        return unique
