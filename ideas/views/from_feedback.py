"""«Make an idea of this»: an idea started from a resident's free-text answer.

The answer is fetched through its form's project; the idea is proposed in
that project with the answer's words as its description, «user feedback» as
its source and the answer linked. Free text deleted at the end of the
form's retention period cannot become an idea (there is nothing left to
quote), nor can an answer that is not free text. A project closed for
ideas takes none this way either: the rule and the message are the quick
capture's (``ideas.access.may_propose``).
"""

from datetime import timedelta

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from feedback.models import FREE_TEXT_KINDS, Answer
from feedback.results import retention_cutoff
from ideas import services
from ideas.access import EDIT, may_propose
from ideas.links import idea_url
from ideas.models import Idea, Source
from ideas.views.board import idea_settings
from projects.access import below_project_view

DOUBLE_CLICK = timedelta(seconds=10)


def answer_text_gone(answer) -> str:
    """Why the answer cannot become an idea, or "" when it can."""
    if answer.question.kind not in FREE_TEXT_KINDS:
        return _("Only a free-text answer can become an idea.")
    deleted = answer.text_deleted_on or (
        answer.response.submitted_on < retention_cutoff(answer.question.form)
    )
    if deleted:
        return _(
            "The text of this answer was deleted at the end of the retention period, "
            "so it cannot become an idea."
        )
    if not answer.text.strip():
        return _("This answer has no text to make an idea of.")
    return ""


class FromAnswerForm(forms.ModelForm):
    class Meta:
        model = Idea
        fields = ["title", "description", "problem"]
        error_messages = {"title": {"required": gettext_lazy("Give the idea a title.")}}
        help_texts = {
            "title": gettext_lazy("A short name for the idea, in your own words."),
            "description": gettext_lazy("The resident's words; add to them or shorten them."),
        }

    def clean_title(self):
        title = (self.cleaned_data.get("title") or "").strip()
        if not title:
            raise ValidationError(_("Give the idea a title."))
        return title


def _suggested_title(text: str) -> str:
    return Truncator(" ".join(text.split())).chars(80)


@below_project_view(
    EDIT,
    Answer.objects.select_related("question__form", "response"),
    project="question__form__project",
    url_argument="answer_id",
)
@require_http_methods(["GET", "POST"])
def from_answer(request, answer):
    project = request.project
    slug = project.organisation.slug
    problem = answer_text_gone(answer)
    earlier = list(
        Idea.objects.filter(project=project, feedback_answer=answer).only("pk", "title")[:5]
    )
    for idea in earlier:
        idea.url = idea_url(slug, idea.pk)
    form = None
    closed = not problem and not may_propose(request, idea_settings(project))
    if not problem and not closed:
        text = answer.text.strip()
        form = FromAnswerForm(
            request.POST or None,
            initial={"title": _suggested_title(text), "description": text[:2000]},
        )
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
            same = Idea.objects.filter(
                project=project,
                feedback_answer=answer,
                proposed_by=request.user,
                title=data["title"],
                created_at__gte=timezone.now() - DOUBLE_CLICK,
            ).first()
            if same is not None:
                return redirect(idea_url(slug, same.pk))
            try:
                idea = services.propose(
                    project,
                    by=request.user,
                    title=data["title"],
                    description=data["description"],
                    problem=data["problem"],
                    source=Source.USER_FEEDBACK,
                    feedback_answer=answer,
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(
                    request, _("The idea «%(title)s» is proposed.") % {"title": idea.title}
                )
                return redirect(idea_url(slug, idea.pk))
    return render(
        request,
        "ideas/from_answer.html",
        {
            "project": project,
            "answer": answer,
            "form": form,
            "problem": problem,
            "closed": closed,
            "earlier": earlier,
        },
        status=200,
    )
