"""Changes to feedback forms, each with its timeline event."""

import re
from datetime import date, timedelta
from functools import partial

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Max
from django.utils import timezone
from django.utils.translation import gettext as _

from feedback import dashboard
from feedback.models import (
    FREE_TEXT_KINDS,
    MAX_QUESTIONS,
    Answer,
    ContactRequest,
    Form,
    FormStatus,
    Question,
    Theme,
)
from klean.db import refuse_duplicates
from projects import timeline


def create_form(project, *, by, title: str, **fields) -> Form:
    with transaction.atomic():
        form = Form(project=project, title=title, created_by=by, **fields)
        form.full_clean(exclude=["project", "created_by"])
        form.save()
        timeline.log(project, "feedback.form_created", by=by, target=form, data={"form": title})
    return form


def publish(form: Form, *, by) -> Form:
    """Open a draft (or a closed form) for answers at its public address."""
    if form.status == FormStatus.OPEN:
        return form
    if not form.questions.exists():
        raise ValidationError(_("Add at least one question before you publish the form."))
    event = (
        "feedback.form_reopened" if form.status == FormStatus.CLOSED else "feedback.form_published"
    )
    with transaction.atomic():
        form.status = FormStatus.OPEN
        form.opened_at = form.opened_at or timezone.now()
        form.closed_at = None
        form.save(update_fields=["status", "opened_at", "closed_at"])
        timeline.log(form.project, event, by=by, target=form, data={"form": form.title})
    return form


def close(form: Form, *, by) -> Form:
    """Stop taking answers: the public address answers 410 Gone with a friendly page."""
    if form.status != FormStatus.OPEN:
        return form
    with transaction.atomic():
        form.status = FormStatus.CLOSED
        form.closed_at = timezone.now()
        form.save(update_fields=["status", "closed_at"])
        timeline.log(
            form.project, "feedback.form_closed", by=by, target=form, data={"form": form.title}
        )
    return form


# --- Builder and publishing --------------------------------------------------------------

#: Words in a question that ask for who the resident is (QUALITY.md G1): the
#: builder flags such a question, and warns when it is saved.
PERSONAL_DATA_WORDS = (
    "navn",
    "namn",
    "fødselsnummer",
    "personnummer",
    "fødselsdato",
    "adresse",
    "telefon",
    "mobilnummer",
    "diagnose",
    "sykdom",
    "sjukdom",
    "name",
    "address",
    "phone number",
    "date of birth",
    "national identity",
)
_PERSONAL_DATA = re.compile("|".join(re.escape(word) for word in PERSONAL_DATA_WORDS))


def personal_data_words(*texts: str) -> list[str]:
    """The words in ``texts`` that suggest a question asks for personal data
    (a name, a national ID number, an address, a phone number, health
    details), each once, in the order found."""
    found = []
    for text in texts:
        for match in _PERSONAL_DATA.finditer((text or "").lower()):
            if match.group() not in found:
                found.append(match.group())
    return found


def public_path(form: Form, *, kiosk: bool = False) -> str:
    """The form's public address, ``/f/<token>/`` (``…/kiosk/`` for the
    tablet at the service desk)."""
    return f"/f/{form.token}/kiosk/" if kiosk else f"/f/{form.token}/"


def public_url(form: Form, *, kiosk: bool = False) -> str:
    """The full public address, as printed on the poster and in the QR code."""
    return settings.SITE_URL + public_path(form, kiosk=kiosk)


def create_from_template(project, template, *, by, service: str | dict = "", **fields) -> Form:
    """A new form with the K-LEAN template's title, introduction and
    questions (``feedback.templates``); ``fields`` (e.g. ``title``, ``token``)
    override the template's. ``service`` is what residents applied for, a
    word per language ({"nb": …, "nn": …, "en": …}) or the bokmål word alone.

    A bokmål title of one's own replaces the template's nynorsk and English
    titles too (with those given, or with none): the form never goes by one
    name in bokmål and another in nynorsk. Side effects: the form, its
    questions, a timeline line."""
    if fields.get("title"):
        fields = {"title_nn": "", "title_en": "", **fields}
    with transaction.atomic():
        form = create_form(project, by=by, **{**template.form_fields(service), **fields})
        questions = [Question(form=form, **row) for row in template.question_fields(service)]
        for question in questions:
            question.full_clean(exclude=["form", "step"])
        Question.objects.bulk_create(questions)
    return form


def update_form(form: Form, *, by) -> Form:
    """Save the form's title, introduction and settings (from a validated form)."""
    form.full_clean(exclude=["project", "created_by"])
    form.save()
    return form


def add_question(form: Form, question: Question, *, by) -> Question:
    """Put a new question last on the form; at most MAX_QUESTIONS."""
    with transaction.atomic():
        # Lock the form so that two additions at once count and number right.
        Form.objects.select_for_update().filter(pk=form.pk).first()
        if form.questions.count() >= MAX_QUESTIONS:
            raise ValidationError(
                _("A form has at most %(max)d questions.") % {"max": MAX_QUESTIONS},
                code="too_many_questions",
            )
        last = form.questions.aggregate(last=Max("order"))["last"] or 0
        question.form = form
        question.order = last + 1
        question.full_clean(exclude=["form"])
        question.save()
    return question


def answer_count(question: Question) -> int:
    return question.answers.count()


def check_question_change(question: Question, *, kind: str, options: list, answers: int) -> None:
    """What may change in a question that already has answers: its wording
    (the text, the help text, each option's words, the translations), whether
    it is required, its process step, and new options added at the end. Not
    its kind, and no option taken away: answers store a kind's number or an
    option's place, and would then mean something else."""
    if not answers:
        return
    if kind != question.kind:
        raise ValidationError(
            {
                "kind": _(
                    "The question already has %(count)d answers, so its kind cannot change: "
                    "the answers would no longer fit. Add a new question instead."
                )
                % {"count": answers}
            }
        )
    if len(options) < len(question.options):
        raise ValidationError(
            {
                "options": _(
                    "The question already has %(count)d answers, so no option can be taken "
                    "away: each answer points to an option by its place. Reword an option or "
                    "add new ones at the end."
                )
                % {"count": answers}
            }
        )


def move_question(question: Question, *, up: bool, by) -> bool:
    """Swap the question with the one above (or below) it. False when it is
    already first (or last). The questions are numbered 1, 2, 3… afterwards."""
    with transaction.atomic():
        Form.objects.select_for_update().filter(pk=question.form_id).first()
        questions = list(question.form.questions.order_by("order", "pk"))
        index = next(i for i, q in enumerate(questions) if q.pk == question.pk)
        other = index - 1 if up else index + 1
        if not 0 <= other < len(questions):
            return False
        questions[index], questions[other] = questions[other], questions[index]
        for order, row in enumerate(questions, start=1):
            row.order = order
        Question.objects.bulk_update(questions, ["order"])
    return True


def delete_question(question: Question, *, by) -> None:
    """Delete a question that has no answers (answers are never thrown away
    by editing a form: delete the whole form for that)."""
    with transaction.atomic():
        if question.answers.exists():
            raise ValidationError(
                _(
                    "The question has answers, so it cannot be deleted: the answers would be "
                    "lost. Close the form and start a new one, or keep the question."
                ),
                code="has_answers",
            )
        question.delete()


def delete_form(form: Form, *, by) -> None:
    """Delete the form with its questions, answers, themes and contact
    requests. Side effects: a timeline line that keeps the form's title; the
    dashboards count the project's satisfaction again."""
    with transaction.atomic():
        timeline.log(form.project, "feedback.form_deleted", by=by, data={"form": form.title})
        form.delete()
        transaction.on_commit(partial(dashboard.answers_changed, form.project_id))


# --- Themes, contact requests and retention (the results pages) ---------------------------


def add_theme(form: Form, name: str) -> Theme:
    """A new theme for the form's free-text answers; a name the form already
    has (also a double-click) is refused with a clear message."""
    name = " ".join(name.split())
    theme = Theme(form=form, name=name)
    theme.full_clean(exclude=["form"], validate_unique=False)
    with refuse_duplicates(_("The form already has a theme called «%(name)s».") % {"name": name}):
        theme.save()
    return theme


def set_answer_themes(answer: Answer, themes) -> None:
    """Tag a free-text answer with exactly ``themes`` (themes of its own form)."""
    if not answer.question.is_free_text or answer.text_deleted_on is not None:
        raise ValidationError(_("Only free-text answers that are still kept can have themes."))
    if any(theme.form_id != answer.question.form_id for theme in themes):
        raise ValidationError(_("Choose themes of this form."))
    answer.themes.set(themes)


def delete_expired_free_text(today: date | None = None) -> int:
    """Blank the free text of answers older than their form's retention period,
    remove their themes, and log it once per form that lost some; delete the
    contact requests that are as old. Idempotent; returns the answers blanked.

    One pass per distinct retention period (forms share a handful of them),
    so the work does not grow with the number of forms.
    """
    today = today or timezone.localdate()
    blanked = 0
    periods = Form.objects.order_by().values_list("retention_days", flat=True).distinct()
    for days in list(periods):
        cutoff = today - timedelta(days=days)
        expired = Answer.objects.filter(
            question__form__retention_days=days,
            question__kind__in=FREE_TEXT_KINDS,
            response__submitted_on__lt=cutoff,
            text_deleted_on__isnull=True,
        ).exclude(text="")
        with transaction.atomic():
            per_form = dict(
                expired.values_list("question__form").annotate(n=Count("pk")).order_by()
            )
            if per_form:
                ids = list(expired.values_list("pk", flat=True))
                for start in range(0, len(ids), 5000):
                    batch = ids[start : start + 5000]
                    Answer.themes.through.objects.filter(answer_id__in=batch).delete()
                    Answer.objects.filter(pk__in=batch).update(text="", text_deleted_on=today)
                forms = Form.objects.filter(pk__in=per_form).select_related("project")
                for form in forms:
                    timeline.log(
                        form.project,
                        "feedback.free_text_deleted",
                        target=form,
                        data={"form": form.title, "days": days},
                    )
                blanked += sum(per_form.values())
            ContactRequest.objects.filter(
                form__retention_days=days, submitted_on__lt=cutoff
            ).delete()
    return blanked


def delete_contacts(form: Form, contacts=None) -> int:
    """Delete the form's contact requests (all of them, or those given)."""
    requests = ContactRequest.objects.filter(form=form)
    if contacts is not None:
        requests = requests.filter(pk__in=[contact.pk for contact in contacts])
    return requests.delete()[0]
