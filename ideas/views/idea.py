"""One idea: everything about it, its stage history, votes, comments, and
its editing (with the PDSA record of an idea of type *test*).

An anonymous idea names its proposer to no one but the proposer: not to the
project's managers either (they edit it all the same, by the ownership rule).
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from accounts.models import User
from ideas import services
from ideas.access import EDIT, READ, comment_view, idea_view
from ideas.forms import CommentForm, IdeaForm, MoveForm, PdsaForm
from ideas.models import IdeaKind, PdsaRecord, Vote, number_in_project
from klean.htmx import INVALID
from processes.models import ProcessMap, WasteType
from projects import timeline
from projects.access import may_edit_contribution, require_edit_contribution


def idea_url(idea, anchor: str = "") -> str:
    url = reverse("ideas:idea", args=[idea.project.organisation.slug, idea.pk])
    return f"{url}#{anchor}" if anchor else url


def proposer_name(idea, viewer) -> str:
    """Who proposed the idea, as this viewer may read it."""
    if idea.anonymous and idea.proposed_by_id != viewer.pk:
        return _("Anonymous")
    if idea.anonymous:
        return _("%(name)s (anonymous to others)") % {"name": viewer.display_name}
    return timeline.person(idea.proposed_by)


@idea_view(READ)
@require_http_methods(["GET"])
def idea(request, idea, comment_form=None, status=200):
    return _page(request, idea, comment_form, status)


def _page(request, idea, comment_form=None, status=200):
    project = request.project
    idea = (
        type(idea)
        .objects.select_related("owner", "proposed_by", "feedback_answer__question__form")
        .annotate(number=number_in_project())
        .get(pk=idea.pk)
    )
    idea.project = project
    history = list(idea.stage_changes.select_related("by"))
    comments = list(idea.comments.select_related("author"))
    may_contribute = EDIT in request.project_permissions
    for note in comments:
        note.may_delete = may_edit_contribution(request, note.author_id)
        note.author_name = timeline.person(note.author)
    waste = dict(WasteType.choices)
    pdsa = PdsaRecord.objects.filter(idea=idea).first()
    votes = Vote.objects.filter(idea=idea).count()
    voted = Vote.objects.filter(idea=idea, user=request.user).exists()
    move_form = MoveForm(initial={"from_stage": idea.stage})
    return render(
        request,
        "ideas/idea.html",
        {
            "project": project,
            "idea": idea,
            "proposer": proposer_name(idea, request.user),
            "steps": list(idea.steps.select_related("map").order_by("order", "pk")),
            "history": [{"change": change, "by": timeline.person(change.by)} for change in history],
            "comments": comments,
            "comment_form": comment_form or CommentForm(),
            "pdsa": pdsa,
            "votes": votes,
            "voted": voted,
            "may_contribute": may_contribute,
            "may_edit": may_edit_contribution(request, idea.proposed_by_id),
            "move_form": move_form,
            "waste_labels": [waste[code] for code in idea.waste_types if code in waste],
        },
        status=status,
    )


#: The vote a post asks for: ``vote=1`` to vote, ``vote=0`` to take it back.
VOTE_WISHES = {"1": True, "0": False}


@idea_view(EDIT)
@require_POST
def vote(request, idea):
    """Set the person's vote as the post asks (the button posts the opposite
    of what it shows); a post that asks for neither changes nothing and says
    so. The same post twice leaves the same vote."""
    wish = VOTE_WISHES.get(request.POST.get("vote", ""))
    error = _("Nothing changed: use the button to vote for the idea or to take your vote back.")
    if wish is not None:
        services.set_vote(idea, by=request.user, vote=wish)
        error = ""
    if request.htmx:
        context = {
            "idea": idea,
            "project": request.project,
            "votes": Vote.objects.filter(idea=idea).count(),
            "voted": Vote.objects.filter(idea=idea, user=request.user).exists(),
            "may_contribute": True,
            "vote_error": error,
        }
        return render(request, "ideas/idea.html#vote", context, status=INVALID if error else 200)
    if error:
        messages.error(request, error)
    return redirect(idea_url(idea, "votes"))


@idea_view(EDIT)
@require_POST
def comment_add(request, idea):
    form = CommentForm(request.POST)
    if form.is_valid():
        try:
            note = services.comment(idea, by=request.user, text=form.cleaned_data["text"])
        except ValidationError as error:
            form.add_error("text", error.messages[0] if error.messages else None)
        else:
            messages.success(request, _("Your comment is added."))
            return redirect(idea_url(idea, f"comment-{note.pk}"))
    return _page(request, idea, comment_form=form, status=INVALID)


@comment_view(EDIT)
@require_http_methods(["GET", "POST"])
def comment_delete(request, note):
    require_edit_contribution(request, note.author_id)
    idea = note.idea
    idea.project = request.project
    if request.method == "POST":
        note.delete()
        messages.success(request, _("The comment is deleted."))
        return redirect(idea_url(idea, "comments"))
    return render(
        request,
        "ideas/comment_delete.html",
        {"project": request.project, "idea": idea, "comment": note},
    )


@idea_view(EDIT)
@require_http_methods(["GET", "POST"])
def idea_edit(request, idea):
    require_edit_contribution(request, idea.proposed_by_id)
    project = request.project
    idea.project = project
    current_map = ProcessMap.objects.current().filter(project=project).first()
    team = User.objects.filter(project_roles__project=project).order_by("full_name", "email")
    pdsa = PdsaRecord.objects.filter(idea=idea).first()
    data = request.POST if request.method == "POST" else None
    owner_before = idea.owner_id
    form = IdeaForm(data, instance=idea, project=project, current_map=current_map, team=team)
    pdsa_form = PdsaForm(data, instance=pdsa)
    if request.method == "POST" and form.is_valid() and pdsa_form.is_valid():
        with transaction.atomic():
            idea = form.save(commit=False)
            owner = idea.owner
            idea.owner_id = owner_before  # a new owner is given through the service
            idea.updated_at = timezone.now()
            idea.save()
            form.save_m2m()
            services.assign_idea_owner(idea, owner, request.user)
            if idea.kind == IdeaKind.TEST or pdsa is not None or not pdsa_form.is_empty():
                record = pdsa_form.save(commit=False)
                record.idea = idea
                record.save()
            if not (idea.anonymous and idea.proposed_by_id == request.user.pk):
                timeline.log(
                    project,
                    "ideas.idea_edited",
                    by=request.user,
                    target=idea,
                    data={"idea": idea.title},
                )
        messages.success(request, _("The idea is saved."))
        return redirect(idea_url(idea))
    status = INVALID if request.method == "POST" else 200
    return render(
        request,
        "ideas/idea_edit.html",
        {
            "project": project,
            "idea": idea,
            "form": form,
            "pdsa_form": pdsa_form,
            "current_map": current_map,
        },
        status=status,
    )
