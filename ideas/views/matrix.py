"""The effort–impact matrix (innsats–effekt-matrise): where the team selects.

Ideas stand in a 5 × 5 grid by their scores, effort across (low → high) and
effect up (low → high), in four quadrants (METHOD.md): high effect for low
effort is done now, high effect for high effort is a project of its own, low
effect for low effort is done when convenient, low effect for high effort is
dropped. A score of 3 counts as high effect and as low effort: the middle of
the scale leans towards trying.

Dragging an idea to a cell posts its two scores (``score``); the same post
comes from the arrow keys on a focused idea, and from the form beside each
idea in the list below the grid (no JavaScript needed). Ideas without both
scores wait beside the grid; parked, rejected and done ideas are left out
unless the person asks for all.
"""

from urllib.parse import urlencode

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from ideas import services
from ideas.access import EDIT, READ, idea_view
from ideas.board_html import MatrixHtml
from ideas.links import idea_url
from ideas.models import Idea, Stage
from ideas.quadrants import OFF_MATRIX, QUADRANT_LABELS, quadrant
from klean.htmx import INVALID
from projects.access import project_view

PAGE = "ideas/matrix.html"
FRAGMENT = "ideas/matrix.html#matrix"
SCORES = range(1, 6)
#: Ideas on the matrix at a time; "show more" pages through the rest.
PAGE_SIZE = 50
SCORE_CHOICES = [("", "–")] + [(n, str(n)) for n in SCORES]


class ScoreForm(forms.Form):
    effort = forms.TypedChoiceField(
        label=gettext_lazy("Effort"),
        choices=SCORE_CHOICES,
        coerce=int,
        error_messages={
            "required": gettext_lazy("Give the effort a score from 1 to 5."),
            "invalid_choice": gettext_lazy("The effort must be a score from 1 to 5."),
        },
    )
    effect = forms.TypedChoiceField(
        label=gettext_lazy("Effect"),
        choices=SCORE_CHOICES,
        coerce=int,
        error_messages={
            "required": gettext_lazy("Give the effect a score from 1 to 5."),
            "invalid_choice": gettext_lazy("The effect must be a score from 1 to 5."),
        },
    )


def matrix_context(
    request, *, show_all: bool = False, page_number=1, refused=None, **extra
) -> dict:
    """The grid, the ideas waiting beside it and the list, fifty ideas at a
    time (QUALITY.md P4): the count and one page of ideas, two queries."""
    project = request.project
    slug = project.organisation.slug
    ideas = Idea.objects.filter(project=project).only(
        "pk", "title", "stage", "effort", "effect", "project_id"
    )
    if not show_all:
        ideas = ideas.exclude(stage__in=OFF_MATRIX)
    page = Paginator(ideas.order_by("title", "pk"), PAGE_SIZE).get_page(page_number)
    ideas = list(page.object_list)
    html = MatrixHtml(
        request,
        slug=slug,
        can_edit=EDIT in request.project_permissions,
        show_all=show_all,
        page=page.number,
        moved=extra.get("moved"),
        refused=refused,
    )
    stage_labels = dict(Stage.choices)
    cells = {(effort, effect): [] for effort in SCORES for effect in SCORES}
    unplaced = []
    for idea in ideas:
        idea.url = idea_url(slug, idea.pk)
        idea.stage_label = stage_labels.get(idea.stage, idea.stage)
        if idea.effort and idea.effect:
            idea.quadrant = quadrant(idea.effort, idea.effect)
            idea.quadrant_label = QUADRANT_LABELS[idea.quadrant]
            cells[(idea.effort, idea.effect)].append(idea)
        else:
            unplaced.append(idea)
    rows = []
    for effect in reversed(SCORES):
        row = []
        for effort in SCORES:
            kind = quadrant(effort, effect)
            row.append(
                {
                    "effort": effort,
                    "effect": effect,
                    "quadrant": kind,
                    "quadrant_label": QUADRANT_LABELS[kind],
                    "ideas": cells[(effort, effect)],
                    "cards": html.cards(cells[(effort, effect)]),
                    # The quadrant's name stands in its outer corner.
                    "corner": (effort, effect) in ((1, 5), (5, 5), (1, 1), (5, 1)),
                }
            )
        rows.append({"effect": effect, "cells": row})
    return {
        "project": project,
        "can_edit": EDIT in request.project_permissions,
        "rows": rows,
        "efforts": list(SCORES),
        "unplaced": unplaced,
        "unplaced_cards": html.cards(unplaced),
        "ideas": ideas,
        "score_rows": html.rows(ideas),
        "show_all": show_all,
        "page": page,
        "scores": list(SCORES),
        "quadrants": [(kind, QUADRANT_LABELS[kind]) for kind in QUADRANT_LABELS],
        **extra,
    }


@project_view(READ)
@require_GET
def matrix(request):
    show_all = request.GET.get("all") == "1"
    context = matrix_context(request, show_all=show_all, page_number=request.GET.get("page"))
    return render(request, PAGE, context)


@idea_view(EDIT)
@require_POST
def score(request, idea):
    """Set an idea's effort and effect; htmx gets the matrix back with the
    change announced, a plain form a redirect with a message."""
    form = ScoreForm(request.POST)
    show_all = request.POST.get("all") == "1"
    page_number = request.POST.get("page")
    error = ""
    status = 200
    if form.is_valid():
        try:
            services.set_scores(idea, **form.cleaned_data)
        except ValidationError as problem:
            error = " ".join(problem.messages)
    else:
        error = " ".join(message for errors in form.errors.values() for message in errors)
    if error:
        text, status = (
            _("«%(idea)s» was not placed: %(error)s")
            % {
                "idea": idea.title,
                "error": error,
            },
            INVALID,
        )
    else:
        text = _("«%(idea)s»: effort %(effort)s, effect %(effect)s – %(quadrant)s.") % {
            "idea": idea.title,
            "effort": idea.effort,
            "effect": idea.effect,
            "quadrant": QUADRANT_LABELS[quadrant(idea.effort, idea.effect)],
        }
    if request.htmx:
        refused = None
        if error:
            refused = (
                idea.pk,
                request.POST.get("effort", ""),
                request.POST.get("effect", ""),
                error,
            )
        context = matrix_context(
            request,
            show_all=show_all,
            page_number=page_number,
            refused=refused,
            status_text=text,
            status_error=bool(error),
            moved=idea.pk,
        )
        return render(request, FRAGMENT, context, status=status)
    (messages.error if error else messages.success)(request, text)
    project = request.project
    url = reverse("ideas:matrix", args=[project.organisation.slug, project.pk])
    query = urlencode(
        {
            key: value
            for key, value in (("all", "1" if show_all else ""), ("page", page_number or ""))
            if value and str(value).isdigit()
        }
    )
    return redirect(url + (f"?{query}" if query else "") + f"#idea-{idea.pk}")
