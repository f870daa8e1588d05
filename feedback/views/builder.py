"""Building, publishing and printing a project's feedback forms.

Everyone who sees the project reads its forms; contributors build them;
the project's managers publish, close and delete them (``feedback.access``).

A question that already has answers keeps its kind and its options' places
and cannot be deleted (``services.check_question_change``,
``services.delete_question``): its wording may still be fixed, so a typo
found after publishing does not mean starting over, while no answer ever
comes to mean something else or is lost by editing. To throw answers away,
delete the whole form (a manager, after a page that says how many).
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, IntegerField, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from feedback import services
from feedback.access import EDIT, MANAGE, READ, form_view, question_view
from feedback.builder_forms import (
    BLANK,
    CreateForm,
    MoveForm,
    QuestionForm,
    SettingsForm,
    kind_label,
)
from feedback.models import MAX_QUESTIONS, Answer, Form, Question, Response
from feedback.qr import qr_svg, qr_svg_document
from feedback.templates import SATISFACTION_SCALE, TEMPLATES
from klean.db import refuse_duplicates
from projects.access import project_view

FORMS_PAGE_SIZE = 50


def form_url(form: Form, name: str = "form") -> str:
    return reverse(f"feedback:{name}", args=[form.project.organisation.slug, form.pk])


def forms_url(project) -> str:
    return reverse("feedback:forms", args=[project.organisation.slug, project.pk])


def _count_of(model, field: str):
    """The number of ``model`` rows pointing to each row, as a subquery
    (no join that multiplies answers by questions)."""
    rows = (
        model.objects.filter(**{field: OuterRef("pk")})
        .order_by()
        .values(field)
        .annotate(count=Count("pk"))
        .values("count")
    )
    return Coalesce(Subquery(rows, output_field=IntegerField()), Value(0))


# --- A project's forms ---------------------------------------------------------------------


@project_view(READ)
@require_GET
def form_list(request):
    project = request.project
    forms = project.feedback_forms.annotate(
        answer_count=_count_of(Response, "form"),
        question_count=_count_of(Question, "form"),
    ).order_by("-created_at", "-pk")
    page = Paginator(forms, FORMS_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "feedback/forms.html",
        {
            "project": project,
            "page": page,
            "may_create": EDIT in request.project_permissions,
        },
    )


@project_view(EDIT)
@require_http_methods(["GET", "POST"])
def form_create(request):
    project = request.project
    create = CreateForm(request.POST or None, project=project)
    if request.method == "POST":
        if create.is_valid():
            form = _create(request, project, create)
            if form is not None:
                return redirect(form_url(form))
        elif "once" in create.errors:
            create.renew()
    return render(
        request,
        "feedback/form_create.html",
        {"project": project, "form": create, "templates": TEMPLATES.values()},
    )


def _create(request, project, create: CreateForm) -> Form | None:
    """Make the form once per page shown: a second press of the button (a
    double-click, a reload) finds the form the first one made, and says so."""
    data = create.cleaned_data
    token = data["once"]
    fields = {"token": token}
    for name in ("title", "title_nn", "title_en"):
        if data[name]:
            fields[name] = data[name]
    if not Form.objects.filter(token=token).exists():
        try:
            with refuse_duplicates(_("The form is already created.")):
                if data["template"] == BLANK:
                    form = services.create_form(project, by=request.user, **fields)
                else:
                    form = services.create_from_template(
                        project,
                        TEMPLATES[data["template"]],
                        by=request.user,
                        service={
                            "nb": data["service"],
                            "nn": data["service_nn"],
                            "en": data["service_en"],
                        },
                        **fields,
                    )
        except ValidationError as error:
            if not Form.objects.filter(token=token).exists():
                create.add_error(None, error)
                return None
        else:
            messages.success(
                request, _("The form is created as a draft. Check the questions, then publish it.")
            )
            return form
    made = Form.objects.filter(project=project, token=token).first()
    if made is None:
        create.add_error(None, _("The form could not be created. Reload the page and try again."))
        return None
    messages.info(request, _("The form was already created; here it is."))
    return made


# --- The builder -----------------------------------------------------------------------------


def _question_rows(form: Form) -> list[dict]:
    """Each question with its answer count, its options and the personal data
    its words seem to ask for (one query, whatever the number of questions)."""
    questions = form.questions.select_related("step").annotate(
        answer_count=_count_of(Answer, "question")
    )
    rows = []
    for number, question in enumerate(questions, start=1):
        rows.append(
            {
                "number": number,
                "question": question,
                "options": question.option_labels("nb"),
                "kind": kind_label(question.kind),
                "personal": services.personal_data_words(
                    question.text, question.text_nn, question.text_en
                ),
            }
        )
    return rows


def site_url_mismatch(request) -> dict | None:
    """SITE_URL's host and the host this page is viewed on, when they differ:
    the public link, the kiosk link, the QR code and the poster are made from
    SITE_URL, so residents would be sent elsewhere (a server started on
    another port, a new domain not yet configured)."""
    site = urlsplit(settings.SITE_URL).netloc
    here = request.get_host()
    if site.lower() == here.lower():
        return None
    return {"site": site, "here": here}


def _builder_context(request, form: Form, **extra) -> dict:
    perms = request.project_permissions
    rows = _question_rows(form)
    return {
        "project": form.project,
        "feedback_form": form,
        "rows": rows,
        "first": rows[0]["question"].pk if rows else None,
        "last": rows[-1]["question"].pk if rows else None,
        "may_edit": EDIT in perms,
        "may_manage": MANAGE in perms,
        "public_url": services.public_url(form),
        "kiosk_url": services.public_url(form, kiosk=True),
        "site_mismatch": site_url_mismatch(request),
        "satisfaction_scale": SATISFACTION_SCALE["nb"],
        "max_questions": MAX_QUESTIONS,
        **extra,
    }


@form_view(READ)
@require_GET
def form_detail(request, form):
    return render(
        request,
        "feedback/form.html",
        _builder_context(request, form, answer_count=form.responses.count()),
    )


@form_view(EDIT)
@require_http_methods(["GET", "POST"])
def form_edit(request, form):
    settings_form = SettingsForm(request.POST or None, instance=form)
    if request.method == "POST" and settings_form.is_valid():
        try:
            services.update_form(settings_form.save(commit=False), by=request.user)
        except ValidationError as error:
            settings_form.add_error(None, error)
        else:
            messages.success(request, _("The form is saved."))
            warn_of_stale_translations(request, settings_form, FORM_TEXTS)
            return redirect(form_url(form))
    return render(
        request,
        "feedback/form_edit.html",
        {"project": form.project, "feedback_form": form, "form": settings_form},
    )


# --- Questions ------------------------------------------------------------------------------

#: Fields written in bokmål, with their nynorsk and English counterparts.
QUESTION_TEXTS = (
    ("text", "text_nn", "text_en"),
    ("help", "help_nn", "help_en"),
    ("options_nb", "options_nn", "options_en"),
)
FORM_TEXTS = (("title", "title_nn", "title_en"), ("intro", "intro_nn", "intro_en"))


def warn_of_stale_translations(request, form, texts) -> None:
    """Say so when a bokmål text was changed but its nynorsk or English text,
    which residents read instead, was left as it was."""
    stale = set()
    for nb, nn, en in texts:
        if nb not in form.changed_data:
            continue
        for language, name in (("nn", nn), ("en", en)):
            if form.initial.get(name) and name not in form.changed_data:
                stale.add(language)
    if stale == {"nn", "en"}:
        message = _(
            "You changed the bokmål text but not the nynorsk and English texts: "
            "remember to update them too."
        )
    elif stale == {"nn"}:
        message = _(
            "You changed the bokmål text but not the nynorsk text: remember to update it too."
        )
    elif stale == {"en"}:
        message = _(
            "You changed the bokmål text but not the English text: remember to update it too."
        )
    else:
        return
    messages.warning(request, message)


def _saved_question(request, question: Question, *, created: bool):
    words = services.personal_data_words(question.text, question.text_nn, question.text_en)
    if words:
        messages.warning(
            request,
            _(
                "The question seems to ask for personal data (%(words)s). Residents answer "
                "anonymously: ask about their experience, not about who they are."
            )
            % {"words": ", ".join(words)},
        )
    messages.success(
        request, _("The question is added.") if created else _("The question is saved.")
    )


@form_view(EDIT)
@require_http_methods(["GET", "POST"])
def question_add(request, form):
    project = form.project
    question_form = QuestionForm(
        request.POST or None, instance=Question(form=form), project=project
    )
    if request.method == "POST" and question_form.is_valid():
        try:
            question = services.add_question(
                form, question_form.save(commit=False), by=request.user
            )
        except ValidationError as error:
            question_form.add_error(None, error)
        else:
            _saved_question(request, question, created=True)
            if "another" in request.POST:
                return redirect(form_url(form, "question_add"))
            return redirect(f"{form_url(form)}#question-{question.pk}")
    return render(
        request,
        "feedback/question_form.html",
        {"project": project, "feedback_form": form, "form": question_form},
    )


@question_view(EDIT)
@require_http_methods(["GET", "POST"])
def question_edit(request, question):
    form = question.form
    answers = question.answers.count()
    question_form = QuestionForm(
        request.POST or None, instance=question, project=request.project, answers=answers
    )
    if request.method == "POST" and question_form.is_valid():
        question_form.save()
        _saved_question(request, question, created=False)
        warn_of_stale_translations(request, question_form, QUESTION_TEXTS)
        return redirect(f"{form_url(form)}#question-{question.pk}")
    return render(
        request,
        "feedback/question_form.html",
        {
            "project": request.project,
            "feedback_form": form,
            "form": question_form,
            "question": question,
            "answers": answers,
        },
    )


@question_view(EDIT)
@require_POST
def question_move(request, question):
    form = question.form
    move = MoveForm(request.POST)
    if move.is_valid():
        up = move.cleaned_data["direction"] == "up"
        services.move_question(question, up=up, by=request.user)
    if request.htmx:
        context = _builder_context(request, form, moved=question.pk)
        context["focus"] = move.cleaned_data["direction"] if move.is_valid() else None
        return render(request, "feedback/form.html#questions", context)
    if not move.is_valid():
        messages.error(request, _("Choose to move the question up or down."))
    return redirect(f"{form_url(form)}#question-{question.pk}")


@question_view(EDIT)
@require_http_methods(["GET", "POST"])
def question_delete(request, question):
    form = question.form
    answers = question.answers.count()
    if request.method == "POST":
        try:
            services.delete_question(question, by=request.user)
        except ValidationError as error:
            messages.error(request, error.messages[0])
            return redirect(f"{form_url(form)}#question-{question.pk}")
        messages.success(request, _("The question is deleted."))
        return redirect(f"{form_url(form)}#questions")
    return render(
        request,
        "feedback/question_delete.html",
        {
            "project": request.project,
            "feedback_form": form,
            "question": question,
            "answers": answers,
        },
    )


# --- Publishing --------------------------------------------------------------------------------


@form_view(MANAGE)
@require_POST
def form_publish(request, form):
    was_closed = form.status == "closed"
    try:
        services.publish(form, by=request.user)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(
            request,
            _("The form is open again for answers.")
            if was_closed
            else _("The form is open for answers at its public address. Print the poster."),
        )
        flagged = [
            str(number)
            for number, question in enumerate(form.questions.all(), start=1)
            if services.personal_data_words(question.text, question.text_nn, question.text_en)
        ]
        if flagged:
            messages.warning(
                request,
                _("Question %(numbers)s seems to ask for personal data. Check it.")
                % {"numbers": ", ".join(flagged)},
            )
    return redirect(form_url(form))


@form_view(MANAGE)
@require_POST
def form_close(request, form):
    services.close(form, by=request.user)
    messages.success(
        request, _("The form is closed. Residents who open its address are told so kindly.")
    )
    return redirect(form_url(form))


@form_view(MANAGE)
@require_http_methods(["GET", "POST"])
def form_delete(request, form):
    project = form.project
    if request.method == "POST":
        services.delete_form(form, by=request.user)
        messages.success(request, _("The form “%(title)s” is deleted.") % {"title": form.title})
        return redirect(forms_url(project))
    return render(
        request,
        "feedback/form_delete.html",
        {
            "project": project,
            "feedback_form": form,
            "answer_count": form.responses.count(),
            "contact_count": form.contact_requests.count(),
        },
    )


# --- The QR poster -------------------------------------------------------------------------------


def _poster_texts(form: Form) -> list[dict]:
    """The poster's words in bokmål, then in nynorsk and English when the form
    is given in them: residents read the poster, whatever the facilitator's
    own language."""
    texts = []
    for language in form.languages():
        with translation.override(language):
            texts.append(
                {
                    "language": language,
                    "title": form.translated("title", language),
                    "explain": _("Answer anonymously – it takes about one minute."),
                    "how": _("Scan the code with your phone's camera, or type the address:"),
                }
            )
    return texts


def _display_url(url: str) -> str:
    """The address as people type it: without ``https://``."""
    return url.split("://", 1)[-1]


@form_view(READ)
@require_GET
def poster(request, form):
    url = services.public_url(form)
    label = _("QR code for %(url)s") % {"url": url}
    return render(
        request,
        "feedback/poster.html",
        {
            "project": form.project,
            "feedback_form": form,
            "texts": _poster_texts(form),
            "url": url,
            "short_url": _display_url(url),
            "site_mismatch": site_url_mismatch(request),
            "qr": qr_svg(url, label=label),
        },
    )


@form_view(READ)
@require_GET
def poster_svg(request, form):
    url = services.public_url(form)
    response = HttpResponse(
        qr_svg_document(url, label=_("QR code for %(url)s") % {"url": url}),
        content_type="image/svg+xml",
    )
    response["Content-Disposition"] = f'attachment; filename="qr-skjema-{form.pk}.svg"'
    return response
