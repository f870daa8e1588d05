"""A map's steps to and from a spreadsheet: export, the import template, import.

Import is two steps: the file is read and every row checked; when all rows
are right, the steps are shown for confirmation and "Import n steps" saves
them in one change (``services.import_steps``). The rows travel from the
check to the confirmation signed, so that nothing is stored in between and
nothing can be changed on the way; the form's token, made when the page was
opened, makes a second press of the button (or the back button and a second
confirmation) import nothing more.
"""

import re
import secrets

from django import forms
from django.contrib import messages
from django.core import signing
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext, pgettext
from django.views.decorators.http import require_GET, require_http_methods

from processes import formatting, services, transfer
from processes.access import EDIT, READ, map_view
from processes.models import Step, WasteType

FORMATS = ("csv", "xlsx")
TOKEN = re.compile(r"[A-Za-z0-9_-]{16,40}")
#: How long a checked file may wait for its confirmation, in seconds.
CONFIRM_WITHIN = 2 * 60 * 60


def _download(content: bytes, fmt: str, name: str) -> HttpResponse:
    response = HttpResponse(
        content, content_type=transfer.CSV_TYPE if fmt == "csv" else transfer.XLSX_TYPE
    )
    safe = re.sub(r'[\x00-\x1f\x7f/\\:*?"<>|]+', " ", name).strip(" .") or "steps"
    response["Content-Disposition"] = content_disposition_header(True, f"{safe[:100]}.{fmt}")
    return response


@map_view(READ)
@require_GET
def export(request, process_map, fmt):
    """Every step of the map in order, one row each, as CSV or Excel."""
    if fmt not in FORMATS:
        raise Http404
    steps = (
        Step.objects.filter(map=process_map)
        .select_related("lane")
        .annotate(note_count=Count("notes"))
        .order_by("order", "pk")
    )
    rows = [
        transfer.step_cells(step, number, step.note_count)
        for number, step in enumerate(steps, start=1)
    ]
    if fmt == "csv":
        content = transfer.write_csv(rows)
    else:
        content = transfer.write_xlsx(rows, sheet=process_map.name)
    return _download(content, fmt, process_map.name)


@map_view(READ)
@require_GET
def import_template(request, process_map, fmt):
    """An empty sheet with the columns and one example row; in Excel also a
    guide sheet on every column and the words it takes."""
    if fmt not in FORMATS:
        raise Http404
    rows = [transfer.example_cells()]
    if fmt == "csv":
        content = transfer.write_csv(rows)
    else:
        content = transfer.write_xlsx(
            rows, sheet=pgettext("spreadsheet guide", "Steps"), with_guide=True
        )
    return _download(content, fmt, pgettext("file name", "steps-template"))


class UploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Spreadsheet"),
        help_text=gettext_lazy("CSV or Excel (.xlsx), at most 2 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx,text/csv"}),
    )
    token = forms.CharField(widget=forms.HiddenInput, max_length=40, required=False)


def _signer(process_map, user):
    return signing.TimestampSigner(salt=f"processes.import:{process_map.pk}:{user.pk}")


def _map_url(process_map) -> str:
    """Where the map is shown: its board."""
    return process_map.get_absolute_url()


def _page(request, process_map, form, *, errors=(), error_count=0, summary=""):
    org = process_map.project.organisation.slug
    return render(
        request,
        "processes/import.html",
        {
            "map": process_map,
            "project": process_map.project,
            "form": form,
            "errors": errors,
            "summary": summary,
            "more_errors": max(0, error_count - len(errors)),
            "guide": transfer.guide()[: len(transfer.COLUMNS)],
            "words": transfer.guide()[len(transfer.COLUMNS) + 1 :],
            "template_urls": {
                fmt: reverse("processes:import_template", args=[org, process_map.pk, fmt])
                for fmt in FORMATS
            },
            "export_urls": {
                fmt: reverse("processes:export", args=[org, process_map.pk, fmt]) for fmt in FORMATS
            },
            "map_url": _map_url(process_map),
        },
    )


@map_view(EDIT)
@require_http_methods(["GET", "POST"])
def import_steps(request, process_map):
    """The upload form; the check of an uploaded file; the confirmation."""
    if request.method == "POST" and "confirm" in request.POST:
        return _confirm(request, process_map)
    token = request.POST.get("token", "")
    if not TOKEN.fullmatch(token):
        token = secrets.token_urlsafe(18)
    form = UploadForm(request.POST or None, request.FILES or None, initial={"token": token})
    if request.method == "GET" or not form.is_valid():
        return _page(request, process_map, form)
    upload = form.cleaned_data["file"]
    try:
        if upload.size > transfer.MAX_FILE_BYTES:
            raise transfer.ImportRefused(transfer.too_big_message())
        parsed = transfer.read_steps(upload.name, upload.read())
    except transfer.ImportRefused as refused:
        for message in refused.messages:
            form.add_error("file", message)
        return _page(request, process_map, form)
    if not parsed.error_count:
        transfer.check_fits(parsed, process_map)
    if parsed.error_count:
        return _page(
            request,
            process_map,
            form,
            errors=parsed.errors,
            error_count=parsed.error_count,
            summary=_("Nothing was imported. Correct these rows and upload the file again."),
        )
    payload = _signer(process_map, request.user).sign_object(
        {"token": token, "steps": parsed.steps}, compress=True
    )
    return render(
        request,
        "processes/import_preview.html",
        {
            "map": process_map,
            "project": process_map.project,
            "parsed": parsed,
            "payload": payload,
            "count": len(parsed.steps),
            "preview": [_preview(step) for step in parsed.steps],
            "columns": {key: column.label for key, column in transfer.BY_KEY.items()},
            "import_url": reverse(
                "processes:import", args=[process_map.project.organisation.slug, process_map.pk]
            ),
        },
    )


def _preview(step: dict) -> dict:
    """A checked row as the confirmation page shows it."""
    wastes = dict(WasteType.choices)
    return {
        "row": step["row"],
        "title": step["title"],
        "lane": step["lane"],
        "processing": _time(step["processing_minutes"], step["processing_unit"]),
        "waiting": _time(step["waiting_minutes"], step["waiting_unit"]),
        "value_class": transfer.VALUE_LABELS.get(step["value_class"], ""),
        "waste": ", ".join(str(wastes[code]).lower() for code in step["waste_types"]),
    }


#: How a time is written in the unit the spreadsheet gave it in.
_IN_UNIT = {
    transfer.TimeUnit.MINUTES: formatting.minutes,
    transfer.TimeUnit.HOURS: formatting.hours,
    transfer.TimeUnit.DAYS: formatting.working_days,
}


def _time(minutes: int, unit: str) -> str:
    """A checked row's time in the unit it was typed in: "1 time", "3 arbeidsdager"."""
    write = _IN_UNIT.get(unit, formatting.minutes)
    return str(write(transfer.time_in_unit(minutes, unit)))


def _confirm(request, process_map):
    try:
        payload = _signer(process_map, request.user).unsign_object(
            request.POST.get("payload", ""), max_age=CONFIRM_WITHIN
        )
        token, steps = payload["token"], payload["steps"]
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        messages.error(request, _("The check of the file has expired. Upload the file again."))
        return redirect("processes:import", process_map.project.organisation.slug, process_map.pk)
    try:
        imported = services.import_steps(process_map, steps, by=request.user, token=token)
    except services.AlreadyDone:
        messages.info(request, _("These steps are already imported."))
    except (ValidationError, services.StaleMap) as error:
        text = " ".join(error.messages) if isinstance(error, ValidationError) else ""
        messages.error(request, _("Nothing was imported. %(reason)s") % {"reason": text})
        return redirect("processes:import", process_map.project.organisation.slug, process_map.pk)
    else:
        messages.success(
            request,
            ngettext(
                "%(count)s step is imported into «%(map)s».",
                "%(count)s steps are imported into «%(map)s».",
                len(imported),
            )
            % {"count": len(imported), "map": process_map.name},
        )
    return redirect(_map_url(process_map))
