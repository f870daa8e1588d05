from dataclasses import replace

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Exists, F, OuterRef, Prefetch, Subquery
from django.http import HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.access import can, organisation_view
from klean.charts import sparkline, trend
from klean.extensions import Panel, contributions
from klean.formats import format_number
from klean.htmx import invalid
from projects import services
from projects.access import (
    get_in_project,
    get_partnership_request,
    may_manage_partners,
    project_view,
    require_manage_partners,
    sees_every_project,
    sees_project_off_the_team,
    visible_projects,
)
from projects.forms import (
    ChecklistForm,
    GoalForm,
    MeasurementForm,
    PartnerForm,
    PhaseForm,
    PhaseMarkForm,
    ProjectFilterForm,
    ProjectForm,
    TeamMemberForm,
    TeamRoleForm,
)
from projects.method import LAST_PHASE, Phase
from projects.models import (
    Goal,
    Measurement,
    Partnership,
    ProjectRole,
    ProjectStatus,
    TeamMember,
)

PAGE_SIZE = 20
TIMELINE_ON_OVERVIEW = 10
TIMELINE_PAGE_SIZE = 50


# --- List and create -------------------------------------------------------------------


@organisation_view("view_organisation")
@require_GET
def project_list(request):
    organisation = request.organisation
    filters = ProjectFilterForm(request.GET or None)
    projects = filters.filter(visible_projects(request, organisation), request.user)
    ordered = projects.select_related("organisation").order_by("-start_date", "-pk")
    page = Paginator(ordered, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "projects/list.html",
        {
            "organisation": organisation,
            "filters": filters,
            "page": page,
            "query": query.urlencode(),
            "may_create": can(request.membership, "create_project"),
            "filtered": any(value for key, value in request.GET.items() if key != "page"),
        },
    )


@organisation_view("create_project")
@require_http_methods(["GET", "POST"])
def project_create(request):
    form = ProjectForm(request.POST or None, creating=True)
    if request.method == "POST" and form.is_valid():
        project = form.save(commit=False)
        project.organisation = request.organisation
        try:
            services.create_project(project, by=request.user)
        except ValidationError as error:
            form.add_error("title", error)
        else:
            messages.success(request, _("The project is created. You are its process facilitator."))
            return redirect(project)
    return render(
        request, "projects/form.html", {"form": form, "organisation": request.organisation}
    )


# --- The project ------------------------------------------------------------------------


def _trend_label(goal, latest) -> str:
    """The chart's text alternative: what it shows, in words."""
    values = {
        "name": goal.name,
        "baseline": format_number(goal.baseline),
        "target": format_number(goal.target),
        "unit": goal.get_unit_display(),
    }
    if latest is None:
        return (
            _("%(name)s: baseline %(baseline)s, target %(target)s %(unit)s, not measured yet")
            % values
        )
    return _("%(name)s: from %(baseline)s to %(latest)s %(unit)s, target %(target)s %(unit)s") % {
        **values,
        "latest": format_number(latest.value),
    }


def _goal_rows(goals, *, full_chart: bool = False):
    """Each goal with its latest measurement, progress and chart: a sparkline
    for a table of goals, or the full trend chart for the goal's own page."""
    rows = []
    for goal in goals:
        measurements = list(goal.measurements.all())
        latest = measurements[-1] if measurements else None
        readings = [(m.date, m.value) for m in measurements]
        baseline = (goal.baseline_date, goal.baseline)
        label = _trend_label(goal, latest)
        if full_chart:
            unit = goal.get_unit_display()
            chart = trend(
                readings,
                baseline=baseline,
                target=goal.target,
                label=label,
                baseline_label=_("Baseline %(value)s %(unit)s")
                % {"value": format_number(goal.baseline), "unit": unit},
                target_label=_("Target %(value)s %(unit)s")
                % {"value": format_number(goal.target), "unit": unit},
            )
        else:
            chart = sparkline(readings, baseline=baseline, target=goal.target, label=label)
        rows.append(
            {
                "goal": goal,
                "latest": latest,
                "progress": goal.progress_percent(latest.value) if latest else None,
                "reached": goal.is_reached(latest.value) if latest else False,
                "chart": chart,
            }
        )
    return rows


def with_hints(project, track):
    """The track with the apps' notes beside its checklist items ("2
    future-state maps exist"), which help the facilitator tick: nothing is
    ticked for them."""
    hints = {}
    for _config, declared in contributions("checklist_hints"):
        hints.update(declared(project))
    if hints:
        for phase in track:
            phase.items[:] = [
                replace(entry, hint=hints.get((phase.number, entry.key), ""))
                for entry in phase.items
            ]
    return track


def _next_steps(project, track, team, can_manage) -> list[dict]:
    """What to do next, in plain words: what the project still lacks (goals
    have their own card beside), then the current phase's open checklist items."""
    if not can_manage:
        return []
    steps = []
    if not project.mandate:
        steps.append(
            {"text": _("The mandate is not written yet — write it"), "url": project.url("edit")}
        )
    if not any(member.role == ProjectRole.PROCESS_OWNER for member in team):
        steps.append(
            {"text": _("No process owner yet — put one on the team"), "url": project.url("team")}
        )
    if project.phase >= Phase.PLANNING and not project.benefit_plan:
        steps.append(
            {
                "text": _("The benefit plan is not agreed yet — say what freed time will go to"),
                "url": project.url("edit"),
            }
        )
    linked = {step["url"] for step in steps}
    for phase in track:
        if phase.is_current:
            steps += [
                {"text": entry.label, "url": entry.tool_url}
                for entry in phase.items
                if not entry.done and (entry.tool_url is None or entry.tool_url not in linked)
            ]
    return steps[:5]


@project_view("view_project")
@require_GET
def overview(request):
    project = request.project
    can_manage = "manage_project" in request.project_permissions
    goals = project.goals.prefetch_related(
        Prefetch("measurements", queryset=Measurement.objects.order_by("date", "pk"))
    )
    track = with_hints(project, project.phase_track())
    goal_rows = _goal_rows(goals)
    team = list(
        project.team.select_related("user", "organisation").order_by("role", "user__full_name")
    )
    return render(
        request,
        "projects/overview.html",
        {
            "project": project,
            "can_manage": can_manage,
            "checklist_url": project.url("checklist"),
            "track": track,
            "current": [phase for phase in track if phase.is_current],
            "next_steps": _next_steps(project, track, team, can_manage),
            "goal_rows": goal_rows,
            "team": team,
            "partners": project.partnerships.active().select_related("organisation"),
            "activities": project.activities.for_timeline()[:TIMELINE_ON_OVERVIEW],
            "panels": [
                panel
                for _config, declared in contributions("project_panels")
                for panel in declared(request)
            ],
        },
    )


@project_view("view_project")
@require_GET
def phases(request):
    """Every phase with its checklist; the facilitator ticks, marks done and moves."""
    project = request.project
    can_manage = "manage_project" in request.project_permissions
    return render(
        request,
        "projects/phases.html",
        {
            "project": project,
            "can_manage": can_manage,
            "checklist_url": project.url("checklist"),
            "track": with_hints(project, project.phase_track()),
            "phase_form": PhaseForm(initial={"phase": min(project.phase + 1, LAST_PHASE)})
            if can_manage
            else None,
        },
    )


@project_view("manage_project")
@require_http_methods(["GET", "POST"])
def project_edit(request):
    project = request.project
    form = ProjectForm(request.POST or None, instance=project)
    if request.method == "POST" and form.is_valid():
        form.save(commit=False)
        try:
            services.update_project(project, changed=form.changed_data, by=request.user)
        except ValidationError as error:
            form.add_error("title", error)
        else:
            messages.success(request, _("The project is saved."))
            return redirect(project)
    return render(request, "projects/form.html", {"form": form, "project": project})


@project_view("manage_project")
@require_POST
def move_phase(request):
    """Move the project to a phase. Jumping more than one phase ahead asks first."""
    project = request.project
    form = PhaseForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose one of the phases in the list."))
        return redirect(project.url("phases"))
    phase, note = form.cleaned_data["phase"], form.cleaned_data["note"]
    skipped = [p for p in project.phase_track() if project.phase < p.number < phase]
    if skipped and not form.cleaned_data["confirm"]:
        return render(
            request,
            "projects/phase_skip.html",
            {"project": project, "phase": Phase(phase), "note": note, "skipped": skipped},
        )
    try:
        services.move_to_phase(project, phase, by=request.user, note=note)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        project.refresh_from_db()
        messages.success(
            request,
            _("The project is now in phase %(number)s: %(phase)s.")
            % {"number": project.phase, "phase": Phase(project.phase).label},
        )
    return redirect(project)


@project_view("manage_project")
@require_POST
def mark_phase(request):
    """Mark a phase as done although its checklist is not complete, or undo that."""
    project = request.project
    form = PhaseMarkForm(request.POST)
    if form.is_valid():
        services.mark_phase_done(
            project,
            phase=form.cleaned_data["phase"],
            done=form.cleaned_data["done"],
            by=request.user,
        )
    else:
        messages.error(request, _("Choose one of the phases in the list."))
    return redirect(f"{project.url('phases')}#phase-{request.POST.get('phase', '')}")


@project_view("manage_project")
@require_POST
def tick_checklist(request):
    project = request.project
    form = ChecklistForm(request.POST)
    error = None
    if form.is_valid():
        try:
            services.set_checklist_item(
                project, phase=form.phase, item=form.item, done=form.done, by=request.user
            )
        except ValidationError as exc:
            error = exc.messages[0]
    else:
        error = _("That checklist item does not exist.")
    if request.htmx and form.is_valid():
        context = {
            "project": project,
            "can_manage": True,
            "checklist_url": project.url("checklist"),
            "phase": with_hints(project, project.phase_track())[form.phase],
            "toggled": form.item,
            "error": error,
        }
        if error:
            return invalid(request, "projects/phases.html#phase-checklist", context)
        return render(request, "projects/phases.html#phase-checklist", context)
    if request.htmx:  # not a button of ours: nothing to swap
        return HttpResponseBadRequest(error)
    if error:
        messages.error(request, error)
    back = request.POST.get("back") == "overview"
    return redirect(
        f"{project.get_absolute_url()}#now"
        if back
        else f"{project.url('phases')}#phase-{form.phase if form.is_valid() else ''}"
    )


@project_view("view_project")
@require_GET
def activity(request):
    project = request.project
    activities = project.activities.for_timeline()
    page = Paginator(activities, TIMELINE_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "projects/activity.html", {"project": project, "page": page})


# --- Goals -------------------------------------------------------------------------------


@project_view("manage_project")
@require_http_methods(["GET", "POST"])
def goal_create(request):
    project = request.project
    form = GoalForm(request.POST or None, instance=Goal(project=project))
    if request.method == "POST" and form.is_valid():
        try:
            services.save_goal(form.save(commit=False), by=request.user)
        except ValidationError as error:
            form.add_error("name", error)
        else:
            messages.success(
                request, _("The goal is added. Record its measurements here as they come.")
            )
            for warning in form.warnings():
                messages.warning(request, warning)
            return redirect(goal_url(form.instance))
    return render(request, "projects/goal_form.html", {"project": project, "form": form})


@project_view("manage_project")
@require_http_methods(["GET", "POST"])
def goal_edit(request, goal_id):
    project = request.project
    goal = get_in_project(request, Goal, pk=goal_id)
    form = GoalForm(request.POST or None, instance=goal)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_goal(form.save(commit=False), by=request.user)
        except ValidationError as error:
            form.add_error("name", error)
        else:
            messages.success(request, _("The goal is saved."))
            for warning in form.warnings():
                messages.warning(request, warning)
            return redirect(goal_url(goal))
    return render(
        request, "projects/goal_form.html", {"project": project, "form": form, "goal": goal}
    )


def goal_url(goal):
    return goal.project.url("goal", goal.pk)


@project_view("manage_project")
@require_http_methods(["GET", "POST"])
def goal_delete(request, goal_id):
    project = request.project
    goal = get_in_project(request, Goal, pk=goal_id)
    if request.method == "POST":
        services.delete_goal(goal, by=request.user)
        messages.success(request, _("The goal “%(name)s” is deleted.") % {"name": goal.name})
        return redirect(f"{project.get_absolute_url()}#goals")
    return render(request, "projects/goal_delete.html", {"project": project, "goal": goal})


@project_view("view_project")
@require_GET
def goal_detail(request, goal_id):
    return _goal_page(request, get_in_project(request, _with_measurements(), pk=goal_id))


def _with_measurements():
    return Goal.objects.prefetch_related(
        Prefetch("measurements", queryset=Measurement.objects.order_by("date", "pk"))
    )


def _goal_page(request, goal, form=None):
    """The goal page: the goal (with its measurements, from _with_measurements)
    and the form to record one (bound, with its errors, after a post)."""
    return render(
        request,
        "projects/goal.html",
        {
            "project": request.project,
            "perms": request.project_permissions,
            "row": _goal_rows([goal], full_chart=True)[0],
            "form": form or MeasurementForm(goal=goal),
            # Whoever may record a measurement may also replace or delete one.
            "may_delete": "record_measurements" in request.project_permissions,
        },
    )


@project_view("record_measurements")
@require_http_methods(["GET", "POST"])
def measurement_delete(request, goal_id, measurement_id):
    """Ask first, then delete one measurement (a mistyped value or date)."""
    project = request.project
    measurement = get_object_or_404(
        Measurement.objects.select_related("goal"),
        pk=measurement_id,
        goal_id=goal_id,
        goal__project=project,
    )
    if request.method == "POST":
        services.delete_measurement(measurement, by=request.user)
        messages.success(request, _("The measurement is deleted."))
        return redirect(goal_url(measurement.goal))
    return render(
        request,
        "projects/measurement_delete.html",
        {"project": project, "measurement": measurement},
    )


@project_view("record_measurements")
@require_POST
def measurement_create(request, goal_id):
    goal = get_in_project(request, Goal, pk=goal_id)
    form = MeasurementForm(request.POST, goal=goal)
    if form.is_valid():
        try:
            services.record_measurement(
                form.save(commit=False), by=request.user, replace=form.cleaned_data["replace"]
            )
        except ValidationError as error:
            form.offer_to_replace(error)
        else:
            messages.success(request, _("The measurement is recorded."))
            return redirect(goal_url(goal))
    return _goal_page(request, _with_measurements().get(pk=goal.pk), form)


# --- Team and partners --------------------------------------------------------------


def _team_context(request, **extra):
    project = request.project
    return {
        "project": project,
        "perms": request.project_permissions,
        "team": project.team.select_related("user", "organisation").order_by(
            "role", "user__full_name"
        ),
        "role_choices": ProjectRole.choices,
        "form": TeamMemberForm(candidates=services.team_candidates(project)),
        **extra,
    }


@project_view("view_project")
@require_GET
def team(request):
    return render(request, "projects/team.html", _team_context(request))


@project_view("manage_project")
@require_POST
def team_add(request):
    project = request.project
    form = TeamMemberForm(request.POST, candidates=services.team_candidates(project))
    if form.is_valid():
        try:
            member = services.add_team_member(
                project,
                membership=form.cleaned_data["membership"],
                role=form.cleaned_data["role"],
                by=request.user,
            )
        except ValidationError as error:
            form.add_error("membership", error)
        else:
            messages.success(
                request,
                _("%(name)s is on the team as %(role)s.")
                % {"name": member.user.display_name, "role": member.get_role_display().lower()},
            )
            return redirect(project.url("team"))
    return render(request, "projects/team.html", _team_context(request, form=form))


@project_view("manage_project")
@require_POST
def team_role(request, member_id):
    project = request.project
    member = get_in_project(request, TeamMember.objects.select_related("user"), pk=member_id)
    form = TeamRoleForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose one of the roles in the list."))
    else:
        try:
            services.change_team_role(member, role=form.cleaned_data["role"], by=request.user)
        except ValidationError as error:
            messages.error(request, error.messages[0])
        else:
            messages.success(
                request,
                _("%(name)s is now %(role)s.")
                % {"name": member.user.display_name, "role": member.get_role_display().lower()},
            )
    return redirect(project.url("team"))


@project_view("manage_project")
@require_http_methods(["GET", "POST"])
def team_remove(request, member_id):
    """Ask first (a page that works without JavaScript), then take the person off the team."""
    project = request.project
    member = get_in_project(
        request, TeamMember.objects.select_related("user", "organisation"), pk=member_id
    )
    if request.method == "GET":
        keeps_access = sees_project_off_the_team(member.user_id, project)
        return render(
            request,
            "projects/team_remove.html",
            {"project": project, "member": member, "keeps_access": keeps_access},
        )
    try:
        services.remove_team_member(member, by=request.user)
    except ValidationError as error:
        messages.error(request, error.messages[0])
        return redirect(project.url("team"))
    if member.user_id == request.user.pk:
        messages.success(
            request, _("You are no longer on the team of “%(project)s”.") % {"project": project}
        )
        return redirect("projects:list", request.organisation.slug)
    messages.success(
        request, _("%(name)s is no longer on the team.") % {"name": member.user.display_name}
    )
    return redirect(project.url("team"))


PARTNERSHIPS_SHOWN = 50


def _partners_context(request, form=None):
    project = request.project
    # Open ones (pending, active) first, then the record of closed ones, newest first.
    partnerships = list(
        project.partnerships.select_related("organisation", "added_by").order_by(
            F("ended_at").desc(nulls_first=True), "-added_at", "-pk"
        )[:PARTNERSHIPS_SHOWN]
    )
    return {
        "project": project,
        "perms": request.project_permissions,
        "may_manage_partners": may_manage_partners(request),
        "pending": [p for p in partnerships if p.is_pending],
        "partners": [p for p in partnerships if p.is_active],
        "closed": [p for p in partnerships if p.ended_at is not None],
        "form": form or PartnerForm(),
    }


@project_view("view_project")
@require_GET
def partners(request):
    return render(request, "projects/partners.html", _partners_context(request))


@project_view("manage_project")
@require_POST
def partner_add(request):
    require_manage_partners(request)
    project = request.project
    form = PartnerForm(request.POST)
    if form.is_valid():
        try:
            partnership = services.add_partner(
                project, organisation=form.organisation, by=request.user
            )
        except ValidationError as error:
            form.add_error("org_number", error)
        else:
            _report_partnership_request(request, partnership)
            return redirect(project.url("partners"))
    return render(request, "projects/partners.html", _partners_context(request, form))


def _report_partnership_request(request, partnership):
    """Tell the project manager that the request is sent, or that it is saved
    but its e-mail could not be sent, in plain words."""
    name = partnership.organisation.name
    if getattr(partnership, "mail_failed", False):
        messages.warning(
            request,
            _(
                "The request to %(organisation)s is saved, but no e-mail could be sent to its "
                "administrators. They see the request when they open K-LEAN."
            )
            % {"organisation": name},
        )
        return
    messages.success(
        request,
        _(
            "%(organisation)s is asked to take part, and its administrators are told by e-mail. "
            "Until one of them accepts, neither of you sees the other's people."
        )
        % {"organisation": name},
    )


@project_view("manage_project")
@require_POST
def partner_withdraw(request, partnership_id):
    require_manage_partners(request)
    project = request.project
    partnership = get_in_project(
        request, Partnership.objects.select_related("organisation"), pk=partnership_id
    )
    try:
        services.withdraw_partnership(partnership, by=request.user)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(
            request,
            _("The request to %(organisation)s is withdrawn.")
            % {"organisation": partnership.organisation.name},
        )
    return redirect(project.url("partners"))


@project_view("manage_project")
@require_http_methods(["GET", "POST"])
def partner_end(request, partnership_id):
    """Ask first, saying who loses access; then end the partnership."""
    require_manage_partners(request)
    project = request.project
    partnership = get_in_project(
        request, Partnership.objects.active().select_related("organisation"), pk=partnership_id
    )
    if request.method == "GET":
        leaving = list(
            project.team.filter(organisation=partnership.organisation)
            .select_related("user")
            .order_by("user__full_name")
        )
        return render(
            request,
            "projects/partner_end.html",
            {"project": project, "partnership": partnership, "leaving": leaving},
        )
    try:
        services.end_partnership(partnership, by=request.user)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(
            request,
            _("The partnership with %(organisation)s has ended; its people no longer have access.")
            % {"organisation": partnership.organisation.name},
        )
    return redirect(project.url("partners"))


# --- Requests to take part in other organisations' projects ------------------------------


@organisation_view("answer_partnerships")
@require_GET
def partnership_requests(request):
    """The requests other organisations sent to take part in their projects,
    and the projects this organisation takes part in."""
    incoming = Partnership.objects.filter(organisation=request.organisation).select_related(
        "project__organisation", "added_by"
    )
    return render(
        request,
        "projects/partnership_requests.html",
        {
            "organisation": request.organisation,
            "pending": incoming.pending().order_by("-added_at", "-pk")[:PARTNERSHIPS_SHOWN],
            "active": incoming.active().order_by("project__title", "pk")[:PARTNERSHIPS_SHOWN],
        },
    )


@organisation_view("answer_partnerships")
@require_POST
def partnership_accept(request, partnership_request_id):
    partnership = get_partnership_request(request, partnership_request_id)
    try:
        services.accept_partnership(partnership, by=request.user)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(
            request,
            _(
                "You accepted. %(owner)s's project team can now put your members on the team "
                "of “%(project)s”."
            )
            % {"owner": partnership.project.organisation.name, "project": partnership.project},
        )
    return redirect("projects:partnership_requests", request.organisation.slug)


@organisation_view("answer_partnerships")
@require_POST
def partnership_decline(request, partnership_request_id):
    partnership = get_partnership_request(request, partnership_request_id)
    try:
        services.decline_partnership(partnership, by=request.user)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(
            request,
            _("You declined to take part in “%(project)s”. %(owner)s sees your answer.")
            % {"owner": partnership.project.organisation.name, "project": partnership.project},
        )
    return redirect("projects:partnership_requests", request.organisation.slug)


HOME_PROJECTS = 50


def _project_rows(request):
    """The projects the home page lists, with the viewer's own marked and each
    goal's progress (three queries, whatever the number of projects)."""
    projects = list(
        visible_projects(request, request.organisation)
        .filter(status__in=(ProjectStatus.ACTIVE, ProjectStatus.ON_HOLD))
        .select_related("organisation")
        .annotate(
            is_mine=Exists(TeamMember.objects.filter(project=OuterRef("pk"), user=request.user))
        )
        .order_by("phase", "title")[:HOME_PROJECTS]
    )
    latest = Measurement.objects.filter(goal=OuterRef("pk")).order_by("-date", "-pk")
    goals = Goal.objects.filter(project__in=projects).annotate(
        latest=Subquery(latest.values("value")[:1])
    )
    goals_of = {}
    for goal in goals:
        progress = goal.progress_percent(goal.latest) if goal.latest is not None else None
        goals_of.setdefault(goal.project_id, []).append({"goal": goal, "progress": progress})
    return [{"project": p, "goals": goals_of.get(p.pk, [])} for p in projects]


def home_panels(request) -> list[Panel]:
    """The organisation home's cards: the viewer's projects; every project with
    its phase and goals for leaders and administrators; partnership requests
    for those who answer them."""
    panels = []
    rows = _project_rows(request)
    sees_all = sees_every_project(request.membership.role)
    panels.append(
        Panel(
            "projects/home.html#my-projects",
            {
                "rows": [row for row in rows if row["project"].is_mine],
                "may_create": can(request.membership, "create_project"),
            },
        )
    )
    if sees_all:
        panels.append(
            Panel(
                "projects/home.html#all-projects",
                {"rows": rows, "more": len(rows) == HOME_PROJECTS},
            )
        )
    if can(request.membership, "answer_partnerships"):
        waiting = Partnership.objects.pending().filter(organisation=request.organisation).count()
        panels.append(Panel("projects/partnership_requests.html#home-card", {"waiting": waiting}))
    return panels
