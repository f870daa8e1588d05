"""Changes to feedback forms, each with its timeline event."""

from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _

from feedback.models import FREE_TEXT_KINDS, Answer, ContactRequest, Form, FormStatus, Theme
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
