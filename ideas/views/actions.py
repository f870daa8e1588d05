"""The action plan (handlingsplan): what, who, by when, status — per project,
and «my actions» across the organisation's projects.

Everyone who sees the project reads the plan; contributors add actions. An
action is changed (edited, its status set, deleted) by its owner, by the
person who added it, and by the project's managers (the ownership rule of
``projects.access``, with the owner counted as an author). A due date in the
past is allowed — an action may be written down late — but said out loud.
Open actions past their due date stand out in words and with an icon.
"""

from datetime import timedelta

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.http import Http404, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.access import organisation_view
from ideas import export as ideas_export
from ideas import services
from ideas.access import EDIT, READ, action_view, may_edit_action, require_edit_action
from ideas.benefits import CHOSEN, benefits
from ideas.links import idea_url
from ideas.models import Action, ActionStatus, Idea, Stage
from klean.forms import DateField
from projects.access import project_view, visible_projects

OPEN = (ActionStatus.PLANNED, ActionStatus.IN_PROGRESS)
#: A second identical post within this time is a double-click, not a new action.
DOUBLE_CLICK = timedelta(seconds=10)


class PersonChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.display_name


class ActionForm(forms.ModelForm):
    owner = PersonChoice(
        label=gettext_lazy("Owner"),
        queryset=get_user_model().objects.none(),
        required=False,
        empty_label=gettext_lazy("– nobody yet –"),
        help_text=gettext_lazy("Someone on the project's team."),
        error_messages={"invalid_choice": gettext_lazy("Choose a person on the project's team.")},
    )
    due_date = DateField(label=gettext_lazy("Due date"), required=False)
    idea = forms.ModelChoiceField(
        label=gettext_lazy("Idea"),
        queryset=Idea.objects.none(),
        required=False,
        empty_label=gettext_lazy("– no idea –"),
        error_messages={"invalid_choice": gettext_lazy("Choose an idea of this project.")},
    )

    class Meta:
        model = Action
        fields = ["what", "owner", "due_date", "idea", "status"]
        labels = {"what": gettext_lazy("What is to be done")}

    def __init__(self, *args, project, new: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = (
            get_user_model()
            .objects.filter(project_roles__project=project)
            .order_by("full_name", "pk")
        )
        # Parked and rejected ideas are not worked on; one already linked stays.
        ideas = Idea.objects.filter(project=project).exclude(
            stage__in=(Stage.PARKED, Stage.REJECTED)
        )
        if self.instance.idea_id:
            ideas = ideas | Idea.objects.filter(pk=self.instance.idea_id)
        self.fields["idea"].queryset = ideas.order_by("title")
        if new:
            del self.fields["status"]

    def clean_what(self):
        what = (self.cleaned_data.get("what") or "").strip()
        if not what:
            raise ValidationError(_("Say what is to be done."))
        return what


def _plan_url(project) -> str:
    return reverse("ideas:action_plan", args=[project.organisation.slug, project.pk])


def _back(request, action) -> str:
    if request.POST.get("next") == "mine" or request.GET.get("next") == "mine":
        return reverse("ideas:my_actions", args=[action.project.organisation.slug])
    return _plan_url(action.project)


def _dress(request, actions, today) -> list[Action]:
    """Each action with what its row shows (no queries)."""
    slug = request.project.organisation.slug
    for action in actions:
        action.project = request.project
        action.overdue = action.is_overdue(today)
        action.may_edit = may_edit_action(request, action)
        action.idea_url = idea_url(slug, action.idea_id) if action.idea_id else ""
    return actions


#: Ideas listed under the sums on the benefits page (QUALITY.md P4).
COUNTED_SHOWN = 50


def benefits_context(project, *, listed: bool = False) -> dict:
    """The project's expected and realised benefits (one query); ``listed``
    adds the ideas that count, the largest first, so the sums can be checked."""
    fields = ["stage", "expected_hours", "expected_nok", "realised_hours", "realised_nok"]
    if listed:
        fields += ["title", "freed_time_use", "project_id"]
    ideas = list(Idea.objects.filter(project=project).only(*fields).order_by("title", "pk"))
    context = {"benefits": benefits(ideas), "fte_hours": settings.KLEAN_FTE_HOURS}
    if listed:
        counted = [idea for idea in ideas if idea.stage in CHOSEN]
        counted.sort(key=lambda i: (-(i.realised_hours or 0), -(i.expected_hours or 0)))
        context["counted"] = counted[:COUNTED_SHOWN]
        context["counted_more"] = max(0, len(counted) - COUNTED_SHOWN)
    return context


@project_view(READ)
@require_GET
def action_plan(request):
    project = request.project
    today = timezone.localdate()
    actions = list(
        Action.objects.filter(project=project)
        .select_related("owner", "idea")
        .order_by(F("due_date").asc(nulls_last=True), "pk")
    )
    _dress(request, actions, today)
    open_actions = [action for action in actions if action.is_open]
    closed = [action for action in actions if not action.is_open]
    return render(
        request,
        "ideas/action_plan.html",
        {
            "project": project,
            "open_actions": open_actions,
            "closed_actions": closed,
            "overdue_count": sum(1 for action in open_actions if action.overdue),
            "can_add": EDIT in request.project_permissions,
            "statuses": ActionStatus.choices,
            **benefits_context(project),
        },
    )


@project_view(READ)
@require_GET
def benefits_page(request):
    return render(
        request,
        "ideas/benefits.html",
        {"project": request.project, **benefits_context(request.project, listed=True)},
    )


def _warn_if_past(request, action) -> None:
    if action.due_date and action.due_date < timezone.localdate() and action.is_open:
        messages.warning(
            request,
            _("The due date %(day)s has passed: the action is saved and shown as overdue.")
            % {"day": date_format(action.due_date, "SHORT_DATE_FORMAT")},
        )


@project_view(EDIT)
@require_http_methods(["GET", "POST"])
def action_add(request):
    project = request.project
    initial = {}
    if request.method == "GET" and (request.GET.get("idea") or "").isdigit():
        initial["idea"] = request.GET["idea"]
    form = ActionForm(request.POST or None, project=project, new=True, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        same = Action.objects.filter(
            project=project,
            created_by=request.user,
            what=data["what"],
            created_at__gte=timezone.now() - DOUBLE_CLICK,
        ).first()
        if same is not None:
            messages.info(
                request, _("The action «%(what)s» is already added.") % {"what": same.what}
            )
            return redirect(_plan_url(project))
        try:
            action = services.add_action(
                project,
                by=request.user,
                what=data["what"],
                idea=data["idea"],
                owner=data["owner"],
                due_date=data["due_date"],
            )
        except ValidationError as problem:
            form.add_error(None, problem)
        else:
            messages.success(request, _("The action «%(what)s» is added.") % {"what": action.what})
            _warn_if_past(request, action)
            return redirect(_plan_url(project))
    return render(
        request,
        "ideas/action_form.html",
        {"project": project, "form": form, "action": None, "cancel_url": _plan_url(project)},
    )


@action_view(EDIT)
@require_http_methods(["GET", "POST"])
def action_edit(request, action):
    require_edit_action(request, action)
    project = request.project
    before = action.status
    owner_before = action.owner_id
    form = ActionForm(request.POST or None, instance=action, project=project, new=False)
    if request.method == "POST" and form.is_valid():
        status = form.cleaned_data["status"]
        action = form.save(commit=False)
        owner = action.owner
        action.status, action.owner_id = before, owner_before  # changed through the services
        with transaction.atomic():
            action.save()
            services.assign_action_owner(action, owner, request.user)
            if status != before:
                services.set_action_status(action, status, by=request.user)
        messages.success(request, _("The action «%(what)s» is saved.") % {"what": action.what})
        if "due_date" in form.changed_data:
            _warn_if_past(request, action)
        return redirect(_back(request, action))
    return render(
        request,
        "ideas/action_form.html",
        {
            "project": project,
            "form": form,
            "action": action,
            "cancel_url": _back(request, action),
            "next": request.GET.get("next", ""),
        },
    )


@action_view(EDIT)
@require_POST
def action_status(request, action):
    require_edit_action(request, action)
    try:
        services.set_action_status(action, request.POST.get("status", ""), by=request.user)
    except ValidationError as problem:
        messages.error(request, " ".join(problem.messages))
    else:
        messages.success(
            request,
            _("«%(what)s» is now %(status)s.")
            % {"what": action.what, "status": action.get_status_display().lower()},
        )
    return redirect(_back(request, action))


@action_view(EDIT)
@require_http_methods(["GET", "POST"])
def action_delete(request, action):
    require_edit_action(request, action)
    back = _back(request, action)
    if request.method == "POST":
        Action.objects.filter(pk=action.pk).delete()
        messages.success(request, _("The action «%(what)s» is deleted.") % {"what": action.what})
        return redirect(back)
    return render(
        request,
        "ideas/action_delete.html",
        {"project": request.project, "action": action, "cancel_url": back},
    )


@organisation_view("view_organisation")
@require_GET
def my_actions(request):
    """The signed-in person's open actions in the projects they see from this
    organisation, the most overdue first."""
    organisation = request.organisation
    today = timezone.localdate()
    actions = list(
        Action.objects.filter(
            owner=request.user,
            status__in=OPEN,
            project__in=visible_projects(request, organisation),
        )
        .select_related("project__organisation", "idea")
        .order_by(F("due_date").asc(nulls_last=True), "pk")[:50]
    )
    for action in actions:
        action.overdue = action.is_overdue(today)
        action.idea_url = (
            idea_url(action.project.organisation.slug, action.idea_id) if action.idea_id else ""
        )
    return render(
        request,
        "ideas/my_actions.html",
        {
            "organisation": organisation,
            "actions": actions,
            "overdue_count": sum(1 for action in actions if action.overdue),
            "statuses": ActionStatus.choices,
        },
    )


@project_view(READ)
@require_GET
def export(request, fmt):
    """The project's ideas and actions: ``xlsx`` (both, a sheet each) or
    ``csv`` (the ideas, or ``?kind=actions``)."""
    project = request.project
    if fmt not in ("csv", "xlsx"):
        raise Http404("No such format")
    kind = request.GET.get("kind", "ideas")
    if kind not in ideas_export.KINDS:
        kind = "ideas"
    name = _("ideas") if kind == "ideas" or fmt == "xlsx" else _("actions")
    stem = slugify(f"{project.title}-{name}")
    if fmt == "csv":
        chunks = ideas_export.csv_stream(project, kind)
        content_type = "text/csv; charset=utf-8"
    else:
        chunks = ideas_export.xlsx_stream(project)
        content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    response = StreamingHttpResponse(chunks, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{stem or "ideas"}.{fmt}"'
    return response
