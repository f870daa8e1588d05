"""A resident's answers to a form: read from the posted data, checked and stored.

Pure apart from ``store``: ``read_answers`` takes the form's questions and the
posted data (a ``QueryDict`` or anything with ``get`` and ``getlist``) and
gives back what was typed (to show again when something is wrong), the clean
values and one message per question that needs another look. Nothing is
truncated silently: a text that is too long is refused with its length.

Control characters are removed from every text (NUL bytes would make
PostgreSQL refuse the row); line breaks are kept in free text.

``store`` writes one ``Response`` with its ``Answer`` rows in one
transaction (and, once committed, has the dashboards count the project's
satisfaction again: ``feedback.dashboard``). It keeps the form, the language
and the day — never the time, an IP address, a user agent or a cookie
(models.py, QUALITY.md G1). A "you may contact me" e-mail address becomes a
``ContactRequest`` with no link to the response.
"""

import unicodedata
from dataclasses import dataclass, field
from functools import partial

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from feedback import dashboard
from feedback.models import (
    LANGUAGES,
    LONG_TEXT,
    SHORT_TEXT,
    Answer,
    ContactRequest,
    Form,
    Question,
    QuestionKind,
    Response,
)

#: The longest e-mail address accepted (RFC 5321's path limit).
EMAIL_LENGTH = 254
#: Posted field names: ``q<question id>``, the contact box and its address.
CONTACT_FIELD = "contact"
EMAIL_FIELD = "contact_email"

SCALE = (1, 2, 3, 4, 5)


def field_name(question: Question) -> str:
    return f"q{question.pk}"


def max_length(question: Question) -> int | None:
    """The longest text a free-text question takes (None for the others)."""
    if question.kind == QuestionKind.SHORT_TEXT:
        return SHORT_TEXT
    if question.kind in (QuestionKind.LONG_TEXT, QuestionKind.WHAT_MATTERS):
        return LONG_TEXT
    return None


def scale_labels() -> list[tuple[int, str]]:
    """The satisfaction scale in full words, in the active language."""
    return [
        (1, pgettext("satisfaction", "1 – Very dissatisfied")),
        (2, pgettext("satisfaction", "2 – Dissatisfied")),
        (3, pgettext("satisfaction", "3 – Neither satisfied nor dissatisfied")),
        (4, pgettext("satisfaction", "4 – Satisfied")),
        (5, pgettext("satisfaction", "5 – Very satisfied")),
    ]


def yes_no_labels() -> list[tuple[int, str]]:
    return [(1, pgettext("answer", "Yes")), (0, pgettext("answer", "No"))]


def clean_text(value: str, *, multiline: bool) -> str:
    """The text without control characters (NUL, escape…): line breaks become
    ``\\n`` (or a space on one line), tabs a space, the rest is removed.
    Leading and trailing white space is trimmed."""
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    kept = []
    for ch in value:
        if ch == "\n":
            kept.append("\n" if multiline else " ")
        elif ch == "\t":
            kept.append(" ")
        elif unicodedata.category(ch) in ("Zl", "Zp"):
            kept.append("\n" if multiline else " ")
        elif unicodedata.category(ch) in ("Cc", "Cs"):
            continue
        else:
            kept.append(ch)
    return "".join(kept).strip()


@dataclass
class Submission:
    """What a resident posted, read against the form's questions."""

    #: What was typed or chosen, by field name, to show again: a string, or a
    #: list of strings for a multiple choice.
    typed: dict = field(default_factory=dict)
    #: The clean answers: question id → number, list of indexes or text.
    values: dict = field(default_factory=dict)
    #: One message per field name that needs another look, in question order.
    errors: dict = field(default_factory=dict)
    contact: bool = False
    email: str = ""

    @property
    def is_valid(self) -> bool:
        return not self.errors


def _one_number(raw: str, allowed) -> int | None:
    try:
        number = int(raw)
    except ValueError:
        return None
    return number if number in allowed else None


def read_answers(form: Form, questions: list[Question], data) -> Submission:
    """Check the posted ``data`` against ``questions``; never raises on bad input."""
    result = Submission()
    for question in questions:
        name = field_name(question)
        if question.kind == QuestionKind.MULTIPLE:
            raw = [clean_text(str(v), multiline=False) for v in data.getlist(name)]
            raw = [v for v in raw if v]
            result.typed[name] = raw
            error, value = _check_multiple(question, raw)
        elif question.is_free_text:
            multiline = question.kind != QuestionKind.SHORT_TEXT
            raw = clean_text(str(data.get(name, "")), multiline=multiline)
            result.typed[name] = raw
            error, value = _check_text(question, raw)
        else:
            raw = clean_text(str(data.get(name, "")), multiline=False)
            result.typed[name] = raw
            error, value = _check_one(question, raw)
        if error:
            result.errors[name] = error
        elif value is not None:
            result.values[question.pk] = value

    if form.offer_contact:
        result.contact = bool(data.get(CONTACT_FIELD))
        email = clean_text(str(data.get(EMAIL_FIELD, "")), multiline=False)
        result.typed[CONTACT_FIELD] = result.contact
        result.typed[EMAIL_FIELD] = email
        error = _check_email(result.contact, email)
        if error:
            result.errors[EMAIL_FIELD] = error
        elif result.contact:
            result.email = email
    return result


def _check_one(question: Question, raw: str):
    """Satisfaction, yes/no and single choice: one number."""
    if not raw:
        if question.required:
            return _("Choose an answer."), None
        return None, None
    if question.kind == QuestionKind.SATISFACTION:
        number = _one_number(raw, SCALE)
        if number is None:
            return _("Choose a number from 1 to 5."), None
    elif question.kind == QuestionKind.YES_NO:
        number = _one_number(raw, (0, 1))
        if number is None:
            return _("Choose yes or no."), None
    else:
        number = _one_number(raw, range(len(question.options)))
        if number is None:
            return _("Choose one of the answers shown."), None
    return None, number


def _check_multiple(question: Question, raw: list[str]):
    if not raw:
        if question.required:
            return _("Choose at least one answer."), None
        return None, None
    allowed = range(len(question.options))
    numbers = [_one_number(v, allowed) for v in raw]
    if any(number is None for number in numbers):
        return _("Choose among the answers shown."), None
    if len(set(numbers)) != len(numbers):
        return _("Choose each answer only once."), None
    return None, sorted(numbers)


def _check_text(question: Question, raw: str):
    if not raw:
        if question.required:
            return _("Write an answer."), None
        return None, None
    limit = max_length(question)
    if len(raw) > limit:
        return (
            _("The answer can be at most %(limit)s characters long; it is %(length)s now.")
            % {"limit": limit, "length": len(raw)},
            None,
        )
    return None, raw


def _check_email(contact: bool, email: str) -> str | None:
    if not contact:
        if email:
            return _("Tick the box if we may contact you, or leave the e-mail address empty.")
        return None
    if not email:
        return _("Write the e-mail address we may contact you at.")
    if len(email) > EMAIL_LENGTH:
        return _("The e-mail address can be at most %(limit)s characters long.") % {
            "limit": EMAIL_LENGTH
        }
    try:
        validate_email(email)
    except ValidationError:
        return _("Write an e-mail address like navn@eksempel.no.")
    return None


def answer_language(code: str | None) -> str:
    return code if code in LANGUAGES else "nb"


def store(form: Form, questions: list[Question], submission: Submission, language: str):
    """One response with its answers, and the contact request apart, in one
    transaction. Returns the response."""
    if not submission.is_valid:
        raise ValueError("Store only a valid submission")
    by_id = {question.pk: question for question in questions}
    with transaction.atomic():
        response = Response.objects.create(
            form=form, language=answer_language(language), submitted_on=timezone.localdate()
        )
        answers = []
        for question_id, value in submission.values.items():
            question = by_id[question_id]
            answer = Answer(response=response, question=question)
            if question.kind == QuestionKind.MULTIPLE:
                answer.choices = value
            elif question.is_free_text:
                answer.text = value
            else:
                answer.number = value
            answers.append(answer)
        Answer.objects.bulk_create(answers)
        if submission.email:
            ContactRequest.objects.create(
                form=form, email=submission.email, submitted_on=timezone.localdate()
            )
        transaction.on_commit(partial(dashboard.answers_changed, form.project_id))
    return response
