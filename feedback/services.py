"""Changes to feedback forms, each with its timeline event."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from feedback.models import Form, FormStatus
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
