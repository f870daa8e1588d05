"""A step's own page with its problem notes ("plunder og heft") and their
root-cause chains ("fem hvorfor"): add, edit and delete a note.

A note is a contribution: everyone who contributes to the project adds
notes; its author or a project manager edits and deletes it
(``projects.access.require_edit_contribution``). Every change goes through
``processes.services`` with the map version the form was opened at.
"""

import uuid

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from processes import formatting, services
from processes.access import EDIT, READ, note_view, step_view
from processes.drawing import class_label
from processes.models import MAX_WHYS, WasteType
from processes.views.compare import board_url
from projects.access import may_edit_contribution, require_edit_contribution

WHY_LENGTH = 300


class NoteForm(forms.Form):
    """A problem note with its waste type and up to five whys.

    The whys are posted as repeated ``whys`` fields (one per line of the
    chain); more than five answers are refused, empty ones dropped.
    """

    text = forms.CharField(label=gettext_lazy("Problem"), max_length=300)
    waste_type = forms.ChoiceField(
        label=gettext_lazy("Waste type"),
        choices=[("", gettext_lazy("– not chosen –")), *WasteType.choices],
        required=False,
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    token = forms.CharField(widget=forms.HiddenInput, required=False, max_length=40)

    def __init__(self, *args, whys=(), **kwargs):
        super().__init__(*args, **kwargs)
        posted = self.data.getlist("whys") if self.is_bound else list(whys)
        self.why_values = [str(why) for why in posted]

    def why_fields(self):
        """Five inputs (more when more were posted), with what was typed."""
        values = self.why_values + [""] * max(0, MAX_WHYS - len(self.why_values))
        return [{"number": i, "value": value} for i, value in enumerate(values, start=1)]

    def clean(self):
        data = super().clean()
        answers = [why.strip() for why in self.why_values if why.strip()]
        if len(answers) > MAX_WHYS:
            self.add_error(
                None, _("At most five whys: %(count)s were given.") % {"count": len(answers)}
            )
        elif any(len(why) > WHY_LENGTH for why in answers):
            self.add_error(
                None,
                _("Each why is at most %(length)s characters.") % {"length": WHY_LENGTH},
            )
        data["whys"] = answers
        return data


def _stale_message(error: services.StaleMap) -> str:
    names = sorted(
        {str(change.actor.full_name or change.actor) for change in error.changes if change.actor}
    )
    return _(
        "%(who)s changed this map since you opened the page. What you typed is kept below; "
        "check it against what is saved now and send it again."
    ) % {"who": ", ".join(names) or _("Someone")}


def step_url(request, step) -> str:
    return reverse("processes:step", args=[request.project.organisation.slug, step.pk])


def _step_page(request, step, form=None, status=200):
    notes = list(step.notes.select_related("author").order_by("pk"))
    for note in notes:
        note.may_edit = may_edit_contribution(request, note.author_id)
    may_add = EDIT in request.project_permissions
    return render(
        request,
        "processes/step.html",
        {
            "step": step,
            "map": step.map,
            "project": request.project,
            "notes": notes,
            "class_label": class_label(step.value_class),
            "waiting": formatting.duration(step.waiting_minutes),
            "processing": formatting.duration(step.processing_minutes),
            "may_add": may_add,
            "board_url": board_url(step.map, request.project.organisation.slug),
            "form": form
            or (
                NoteForm(initial={"version": step.map.version, "token": uuid.uuid4().hex})
                if may_add
                else None
            ),
        },
        status=status,
    )


@step_view(READ)
@require_http_methods(["GET"])
def step_page(request, step):
    return _step_page(request, step)


@step_view(EDIT)
@require_POST
def note_add(request, step):
    form = NoteForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.add_note(
                step,
                version=data["version"],
                by=request.user,
                text=data["text"],
                waste_type=data["waste_type"],
                whys=data["whys"],
                token=data["token"] or "",
            )
        except services.AlreadyDone:
            messages.info(request, _("The problem was already added."))
            return redirect(step_url(request, step))
        except services.StaleMap as error:
            form.add_error(None, _stale_message(error))
            form.data = form.data.copy()
            form.data["version"] = error.version
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The problem is added."))
            return redirect(f"{step_url(request, step)}#notes")
    return _step_page(request, step, form, status=422)


@note_view(EDIT)
@require_http_methods(["GET", "POST"])
def note_edit(request, note):
    require_edit_contribution(request, note.author_id)
    step = note.step
    if request.method == "POST":
        form = NoteForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.edit_note(
                    note,
                    version=data["version"],
                    by=request.user,
                    text=data["text"],
                    waste_type=data["waste_type"],
                    whys=data["whys"],
                )
            except services.StaleMap as error:
                form.add_error(None, _stale_message(error))
                form.data = form.data.copy()
                form.data["version"] = error.version
                note.refresh_from_db()
                return _note_form(request, note, form, saved=note, status=409)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("The problem is saved."))
                return redirect(f"{step_url(request, step)}#note-{note.pk}")
        return _note_form(request, note, form, status=422)
    form = NoteForm(
        initial={"text": note.text, "waste_type": note.waste_type, "version": step.map.version},
        whys=note.whys,
    )
    return _note_form(request, note, form)


def _note_form(request, note, form, *, saved=None, status=200):
    return render(
        request,
        "processes/note_form.html",
        {
            "note": note,
            "step": note.step,
            "project": request.project,
            "form": form,
            "saved": saved,
            "step_url": step_url(request, note.step),
        },
        status=status,
    )


@note_view(EDIT)
@require_http_methods(["GET", "POST"])
def note_delete(request, note):
    require_edit_contribution(request, note.author_id)
    step = note.step
    version = step.map.version
    if request.method == "POST":
        try:
            posted = int(request.POST.get("version", ""))
        except ValueError:
            posted = version
        try:
            services.delete_note(note, version=posted, by=request.user)
        except services.StaleMap as error:
            messages.warning(request, _stale_message(error))
            note.refresh_from_db()
            version = error.version
        else:
            messages.success(request, _("The problem “%(text)s” is deleted.") % {"text": note.text})
            return redirect(f"{step_url(request, step)}#notes")
    return render(
        request,
        "processes/note_delete.html",
        {
            "note": note,
            "step": step,
            "project": request.project,
            "version": version,
            "step_url": step_url(request, step),
        },
    )
