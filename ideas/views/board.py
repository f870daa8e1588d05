"""The quick capture, "my ideas" and the pipeline board.

The capture is the post-it: a title and one sentence, from a phone, in
seconds. A double-click makes one idea: the capture locks the project's row
while it looks for the same title from the same person in the last minute,
so two posts at once are decided one after the other and the second is told
the idea is already there (no new column, no migration).

The board shows a column per stage with counts; parked and rejected stand
folded beside it. Every move is a plain form post to ``move`` (the select
and button on each card, the drag-and-drop of static/js/ideas-board.js, the
no-JavaScript move page), which calls ``ideas.stages.move`` — the only way
an idea changes stage — and answers with the board, refreshed, and what
happened or why not.
"""

from datetime import timedelta

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Count, F, IntegerField, Max, OuterRef, Q, Subquery, Value, Window
from django.db.models.functions import Coalesce, RowNumber
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from accounts.access import organisation_view
from accounts.models import User
from ideas import services, stages
from ideas.access import EDIT, idea_view, may_propose
from ideas.board_html import BoardCards
from ideas.forms import BoardFilterForm, CaptureForm, MoveForm
from ideas.models import NEEDS_REASON, PIPELINE, Comment, Idea, IdeaSettings, Stage, Vote
from klean.htmx import INVALID
from processes.models import MapKind, Step
from projects import timeline
from projects.access import project_view, visible_projects
from projects.models import Project

#: Cards shown in one column before "show more" (QUALITY.md P4).
COLUMN_SIZE = 50
MINE_PAGE_SIZE = 50
#: The same title from the same person within this time is a double-click.
DUPLICATE_WINDOW = timedelta(minutes=1)
BESIDE = (Stage.PARKED, Stage.REJECTED)


def idea_settings(project) -> IdeaSettings:
    """The project's settings; a project without a row takes ideas, not anonymous."""
    return IdeaSettings.objects.filter(project=project).first() or IdeaSettings(project=project)


def board_url(project) -> str:
    return reverse("ideas:board", args=[project.organisation.slug, project.pk])


# --- Quick capture --------------------------------------------------------------------


@project_view(EDIT)
@require_http_methods(["GET", "POST"])
def capture(request):
    project = request.project
    rules = idea_settings(project)
    if not may_propose(request, rules):
        return render(request, "ideas/capture.html", {"project": project, "closed": True})
    form = CaptureForm(request.POST or None, allow_anonymous=rules.allow_anonymous)
    if request.method == "POST" and form.is_valid():
        try:
            idea = _propose_once(project, request.user, form.cleaned_data)
        except ValidationError as error:
            form.add_error("title", error)
        else:
            url = reverse("ideas:capture", args=[project.organisation.slug, project.pk])
            return redirect(f"{url}?saved={idea.pk}")
    saved = None
    if request.method == "GET" and request.GET.get("saved", "").isdigit():
        saved = Idea.objects.filter(
            pk=request.GET["saved"], project=project, proposed_by=request.user
        ).first()
    status = INVALID if request.method == "POST" else 200
    return render(
        request,
        "ideas/capture.html",
        {"project": project, "form": form, "saved": saved},
        status=status,
    )


def _propose_once(project, user, data) -> Idea:
    """The idea, unless the same person proposed the same title to the same
    project within a minute (a double-click, or two posts at once: the lock on
    the project's row decides them one after the other)."""
    with transaction.atomic():
        Project.objects.select_for_update().filter(pk=project.pk).exists()
        since = timezone.now() - DUPLICATE_WINDOW
        if Idea.objects.filter(
            project=project,
            proposed_by=user,
            title__iexact=data["title"].strip(),
            created_at__gte=since,
        ).exists():
            raise ValidationError(
                _("You have just proposed this idea; it is already in «%(stage)s».")
                % {"stage": Stage.COLLECT.label},
                code="duplicate",
            )
        anonymous = bool(data.get("anonymous"))
        idea = services.propose(
            project,
            by=user,
            title=data["title"],
            description=data.get("description", ""),
            anonymous=anonymous,
        )
        if anonymous:
            timeline.log(
                project, "ideas.idea_proposed_anonymously", target=idea, data={"idea": idea.title}
            )
        else:
            timeline.log(
                project, "ideas.idea_proposed", by=user, target=idea, data={"idea": idea.title}
            )
    return idea


# --- My ideas -------------------------------------------------------------------------


@organisation_view("view_organisation")
@require_GET
def mine(request):
    organisation = request.organisation
    ideas = (
        Idea.objects.filter(
            proposed_by=request.user,
            project__in=visible_projects(request, organisation).values("pk"),
        )
        .select_related("project__organisation", "owner")
        .order_by("-updated_at", "-pk")
    )
    page = Paginator(ideas, MINE_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "ideas/mine.html", {"organisation": organisation, "page": page})


# --- The board ------------------------------------------------------------------------


def _count(model):
    return Coalesce(
        Subquery(
            model.objects.filter(idea=OuterRef("pk"))
            .order_by()
            .values("idea")
            .annotate(n=Count("pk"))
            .values("n"),
            output_field=IntegerField(),
        ),
        Value(0),
    )


@project_view()
@require_GET
def board(request):
    project = request.project
    state = board_state(project)
    if "state" in request.GET:
        return JsonResponse({"state": state}, headers={"Cache-Control": "no-store"})
    steps = list(
        Step.objects.filter(map__project=project, map__kind=MapKind.CURRENT).order_by("order", "pk")
    )
    team = list(User.objects.filter(project_roles__project=project).order_by("full_name", "email"))
    filters = BoardFilterForm(request.GET or None, steps=steps, owners=team)
    ideas = filters.filter(Idea.objects.filter(project=project))
    counts = dict(ideas.order_by().values_list("stage").annotate(n=Count("pk", distinct=True)))

    more = request.GET.get("more")
    more = more if more in Stage.values else None
    page = request.GET.get("page", "1")
    page = int(page) if page.isdigit() and 0 < int(page) < 10_000 else 1
    window = Q(row__lte=COLUMN_SIZE)
    if more:
        window = (Q(row__lte=COLUMN_SIZE) & ~Q(stage=more)) | Q(
            stage=more, row__gt=(page - 1) * COLUMN_SIZE, row__lte=page * COLUMN_SIZE
        )
    cards = (
        ideas.select_related("owner")
        .only(
            "pk",
            "title",
            "stage",
            "effort",
            "effect",
            "waste_types",
            "created_at",
            "owner__full_name",
            "owner__email",
            "owner__deleted_at",
        )
        .annotate(
            votes_count=_count(Vote),
            comments_count=_count(Comment),
            row=Window(
                RowNumber(),
                partition_by=F("stage"),
                order_by=[F("created_at").desc(), F("pk").desc()],
            ),
        )
        .filter(window)
        .order_by("-created_at", "-pk")
    )
    by_stage: dict[str, list[Idea]] = {stage: [] for stage in Stage.values}
    for idea in cards:
        by_stage[idea.stage].append(idea)
    may_move = EDIT in request.project_permissions
    here = request.get_full_path()
    builder = BoardCards(
        slug=project.organisation.slug,
        may_move=may_move,
        back=here,
        moves={
            stage: sorted(stages.ALLOWED[stage], key=Stage.values.index) for stage in Stage.values
        },
    )

    def column(stage):
        total = counts.get(stage, 0)
        first = (page - 1) * COLUMN_SIZE if stage == more else 0
        return {
            "stage": stage,
            "label": Stage(stage).label,
            "count": total,
            "ideas": by_stage[stage],
            "cards": builder.cards(by_stage[stage]),
            "needs_reason": stage in NEEDS_REASON,
            "next_page": (first + COLUMN_SIZE < total) and (page + 1 if stage == more else 2),
            "previous_page": page - 1 if stage == more and page > 1 else None,
        }

    query = request.GET.copy()
    for name in ("more", "page"):
        query.pop(name, None)
    return render(
        request,
        "ideas/board.html",
        {
            "project": project,
            "columns": [column(stage) for stage in PIPELINE],
            "beside": [column(stage) for stage in BESIDE],
            "filters": filters,
            "query": query.urlencode(),
            "may_move": may_move,
            "here": here,
            "state": state,
            "shown": sum(counts.values()),
            # Only with filters on: how many the project has in all.
            "total": Idea.objects.filter(project=project).count() if filters.active() else None,
        },
    )


def board_state(project) -> str:
    """What the board shows, in a few figures: its ideas, their last change,
    votes and comments (one query). A board polls it and reloads only when it
    differs."""

    def per_project(queryset, path, aggregate):
        return Subquery(
            queryset.filter(**{path: OuterRef("pk")})
            .order_by()
            .values(path)
            .annotate(value=aggregate)
            .values("value")
        )

    row = (
        Project.objects.filter(pk=project.pk)
        .annotate(
            n=per_project(Idea.objects, "project", Count("pk")),
            changed=per_project(Idea.objects, "project", Max("updated_at")),
            votes=per_project(Vote.objects, "idea__project", Count("pk")),
            comments=per_project(Comment.objects, "idea__project", Count("pk")),
        )
        .values("n", "changed", "votes", "comments")
        .get()
    )
    changed = row["changed"].timestamp() if row["changed"] else 0
    return f"{row['n'] or 0}-{changed:.6f}-{row['votes'] or 0}-{row['comments'] or 0}"


# --- Moving an idea -------------------------------------------------------------------


def _back(request, project, idea=None) -> str:
    """Back to the board the person came from (its filters kept), at the idea."""
    back = request.POST.get("back") or request.GET.get("back") or ""
    base = board_url(project)
    if not (
        back.startswith(base)
        and url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()})
    ):
        back = base
    back = back.split("#")[0]
    return f"{back}#idea-{idea.pk}" if idea is not None else back


@idea_view(EDIT)
@require_http_methods(["GET", "POST"])
def move(request, idea):
    """GET: the move page (the path without JavaScript, and where a reason is
    asked for). POST: the move, through ``ideas.stages.move``."""
    project = request.project
    if request.method == "GET":
        initial = {"to": request.GET.get("to", ""), "from_stage": idea.stage}
        form = MoveForm(initial=initial)
        return _move_page(request, idea, form)
    form = MoveForm(request.POST)
    if not form.is_valid():
        return _move_page(request, idea, form, status=INVALID)
    to, note = form.cleaned_data["to"], form.cleaned_data["note"].strip()
    if to in NEEDS_REASON and not note:
        form.add_error(
            "note", _("Say why the idea is %(stage)s.") % {"stage": Stage(to).label.lower()}
        )
        return _move_page(request, idea, form, status=INVALID)
    try:
        stages.move(
            idea, to, by=request.user, note=note, from_stage=form.cleaned_data["from_stage"] or None
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("«%(idea)s» is now in «%(stage)s».") % {"idea": idea.title, "stage": Stage(to).label},
        )
    return redirect(_back(request, project, idea))


def _move_page(request, idea, form, status=200):
    allowed = sorted(stages.ALLOWED[idea.stage], key=Stage.values.index)
    form.fields["to"].choices = [(s, Stage(s).label) for s in allowed]
    wanted = form.data.get("to") if form.is_bound else form.initial.get("to")
    if wanted in NEEDS_REASON and not form.errors:
        # Dropped on «Parked» or «Rejected»: the reason is what is asked for.
        form.fields["note"].widget.attrs["autofocus"] = True
    return render(
        request,
        "ideas/move.html",
        {
            "project": request.project,
            "idea": idea,
            "form": form,
            "back": _back(request, request.project),
        },
        status=status,
    )
