"""The resident's form and the kiosk: no login, reached by the form's token only.

One page with every question; a plain POST that redirects to a thank-you
page (no JavaScript needed); errors shown at the top and by each question
with everything typed kept. The resident chooses bokmål, nynorsk or English
with buttons that post the form, so answers survive the switch.

A post that shows the form again (an error, a language button, a page sent
too soon) keeps the answers in the cache for ``DRAFT_SECONDS`` under a random
key and redirects (303) to a GET with that key in the address: the back
button then never offers to post the answers again, no cookie is set, and the
answers are gone minutes later. A page whose answers were stored already
(its render token's nonce is used) is never stored again: the resident is
told «You have already answered – thank you!».

Nothing about the resident is stored: no IP address, user agent or cookie
(``feedback.submission.store``); the rate limit counts a keyed hash of the
address in the cache for one minute (``feedback.protection``). Every
response says ``Cache-Control: no-store``, so a shared device's back button
and any proxy keep no copy of the answers.

A draft form or an unknown token → 404; a closed form → 410 with a friendly
page, and nothing is stored.
"""

import logging
import re
import secrets

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.utils.datastructures import MultiValueDict
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from feedback import protection, submission
from feedback.access import EDIT
from feedback.models import Form, FormStatus, QuestionKind
from feedback.templates import NO_PERSONAL_DATA
from projects.access import fetch_below_project

log = logging.getLogger(__name__)

LANGUAGE_NAMES = {"nb": "Bokmål", "nn": "Nynorsk", "en": "English"}
SWITCH_FIELD = "switch_language"
#: The hidden field (and query parameter) with the key of the answers kept
#: between a post that shows the form again and the page that shows it.
DRAFT_FIELD = "draft"
#: How long those answers are kept: long enough to press a language button or
#: read an error, short enough that nothing lingers.
DRAFT_SECONDS = 10 * 60
_DRAFT_KEY = re.compile(r"[A-Za-z0-9_-]{16,40}")
NOTE_CHECK = "check"
NOTE_QUICK = "quick"
LANGUAGE_FIELD = "language"
#: Bytes allowed in a post besides the answers (token, CSRF, names of fields).
BODY_BASE = 8 * 1024
#: Bytes a character may take once posted: four in UTF-8, each as %XX.
BYTES_PER_CHARACTER = 12
TEMPLATES = "feedback/public/"


# --- Finding the form -------------------------------------------------------------------


def _find(token: str) -> Form | None:
    """The form with this public token, whatever its status, or None."""
    return Form.objects.select_related("project__organisation").filter(token=token[:32]).first()


def _gone(request, form, language):
    """The page for a form that does not take answers: 404 or 410."""
    if form is None or form.status == FormStatus.DRAFT:
        with translation.override(language):
            return _no_store(
                render(request, TEMPLATES + "not_found.html", _context(None, language), status=404)
            )
    with translation.override(language):
        context = _context(form, language, title=form.translated("title", language))
        return _no_store(render(request, TEMPLATES + "closed.html", context, status=410))


def _no_store(response):
    response["Content-Language"] = translation.get_language()
    return response


# --- Language ---------------------------------------------------------------------------


def offered_languages(form) -> list[str]:
    """Bokmål and nynorsk always (the page's own texts exist in both), English
    when the form is given in English."""
    codes = ["nb", "nn"]
    if form is not None and form.title_en:
        codes.append("en")
    return codes


def _language(request, form) -> str:
    offered = offered_languages(form)
    source = request.POST if request.method == "POST" else request.GET
    for candidate in (
        source.get(SWITCH_FIELD) if request.method == "POST" else None,
        source.get(LANGUAGE_FIELD) if request.method == "POST" else source.get("lang"),
        getattr(request, "LANGUAGE_CODE", None),
    ):
        if candidate in offered:
            return candidate
    return "nb"


def _context(form, language, **extra):
    return {
        "feedback_form": form,
        "organisation": form.project.organisation if form else None,
        "language": language,
        "languages": [
            {"code": code, "name": LANGUAGE_NAMES[code], "current": code == language}
            for code in offered_languages(form)
        ],
        **extra,
    }


# --- The form's fields, ready for the template -------------------------------------------


def _fields(form, questions, typed, errors, language, kiosk):
    """One entry per question with its texts in ``language``, what was typed
    and its error, plus the list for the error summary."""
    fields = []
    summary = []
    for question in questions:
        name = submission.field_name(question)
        value = typed.get(name, [] if question.kind == QuestionKind.MULTIPLE else "")
        error = errors.get(name)
        if question.kind == QuestionKind.SATISFACTION:
            options = submission.scale_labels()
        elif question.kind == QuestionKind.YES_NO:
            options = submission.yes_no_labels()
        elif question.kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE):
            options = list(enumerate(question.option_labels(language)))
        else:
            options = []
        chosen = {str(v) for v in value} if isinstance(value, list) else {str(value)}
        field = {
            "question": question,
            "name": name,
            "id": name,
            "kind": question.kind,
            "text": question.translated("text", language),
            "help": _help(question, language),
            "required": question.required,
            "free_text": question.is_free_text,
            "long": question.kind != QuestionKind.SHORT_TEXT,
            "max_length": submission.max_length(question),
            "value": value if not isinstance(value, list) else "",
            "options": [
                {
                    "value": str(number),
                    "label": label,
                    "id": f"{name}-{index}",
                    "checked": str(number) in chosen,
                }
                for index, (number, label) in enumerate(options)
            ],
            "multiple": question.kind == QuestionKind.MULTIPLE,
            "error": error,
        }
        # A choice's summary link goes to its fieldset, so that the question and
        # its message are in view (and read) rather than the first option alone.
        field["target"] = field["id"]
        fields.append(field)
        if error:
            summary.append({"target": field["target"], "text": field["text"], "error": error})
    if form.offer_contact and errors.get(submission.EMAIL_FIELD):
        summary.append(
            {
                "target": submission.EMAIL_FIELD,
                "text": _("E-mail address"),
                "error": errors[submission.EMAIL_FIELD],
            }
        )
    return fields, summary


def _help(question, language) -> str:
    """The question's help text, without the warning against personal data
    that the page gives every free-text question anyway."""
    text = question.translated("help", language)
    if question.is_free_text and text.strip() in NO_PERSONAL_DATA.values():
        return ""
    return text


def _requirement_note(questions) -> str:
    required = [q.required for q in questions]
    if all(required):
        return _("Please answer every question.")
    if not any(required):
        return _("Every question is optional: answer what you like.")
    return _("Questions marked «optional» may be left blank; the others need an answer.")


def _render_form(
    request,
    form,
    questions,
    language,
    *,
    kiosk,
    token,
    typed=None,
    errors=None,
    note="",
    status=200,
    enrolled=False,
    draft="",
):
    typed = typed or {}
    errors = errors or {}
    with translation.override(language):
        fields, summary = _fields(form, questions, typed, errors, language, kiosk)
        context = _context(
            form,
            language,
            kiosk=kiosk,
            title=form.translated("title", language),
            intro=form.translated("intro", language),
            fields=fields,
            summary=summary,
            requirement_note=_requirement_note(questions),
            mark_optional=any(q.required for q in questions),
            token=token,
            typed=typed,
            errors=errors,
            email_error=errors.get(submission.EMAIL_FIELD),
            note=note,
            action=reverse("feedback:kiosk" if kiosk else "feedback:public", args=[form.token]),
            honeypot=protection.HONEYPOT_FIELD,
            token_field=protection.TOKEN_FIELD,
            switch_field=SWITCH_FIELD,
            language_field=LANGUAGE_FIELD,
            contact_field=submission.CONTACT_FIELD,
            email_field=submission.EMAIL_FIELD,
            email_length=submission.EMAIL_LENGTH,
            enrolled=enrolled,
            draft=draft,
            draft_field=DRAFT_FIELD,
            idle_seconds=_setting("KLEAN_FEEDBACK_KIOSK_IDLE_SECONDS", 90),
            warning_seconds=_setting("KLEAN_FEEDBACK_KIOSK_WARNING_SECONDS", 30),
        )
        response = render(request, TEMPLATES + "form.html", context, status=status)
        return _no_store(response)


def _setting(name, default):
    return getattr(settings, name, default)


def body_limit(questions) -> int:
    """The largest post this form's answers can make, with room to spare."""
    texts = sum(submission.max_length(q) or 16 for q in questions)
    return BODY_BASE + (texts + submission.EMAIL_LENGTH) * BYTES_PER_CHARACTER


def _too_large(request, questions) -> bool:
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return True
    return length > body_limit(questions)


# --- Answering ---------------------------------------------------------------------------


def _thanks_url(form, language, *, kiosk, already=False):
    name = "feedback:kiosk_thanks" if kiosk else "feedback:thanks"
    query = {"lang": language, **({"already": "1"} if already else {})}
    return reverse(name, args=[form.token]) + "?" + urlencode(query)


def _redirect(url):
    return HttpResponseRedirect(url, status=303)


def _answer(request, token, *, kiosk):
    form = _find(token)
    if form is None or not form.is_open:
        return _gone(request, form, _language(request, form) if form else "nb")
    questions = list(form.questions.all())

    if request.method == "GET":
        language = _language(request, form)
        draft_key = request.GET.get(DRAFT_FIELD, "")
        if draft_key:
            return _from_draft(request, form, questions, language, draft_key, kiosk=kiosk)
        enrolled = kiosk and _enrol_kiosk(request, form)
        response = _render_form(
            request,
            form,
            questions,
            language,
            kiosk=kiosk,
            token=protection.issue_token(form.pk),
            enrolled=enrolled,
        )
        if enrolled:
            _set_cookie(
                response,
                protection.KIOSK_COOKIE,
                protection.kiosk_cookie_value(form.pk),
                form,
                max_age=protection.KIOSK_COOKIE_DAYS * 24 * 3600,
            )
        return response

    # POST: refuse an oversized body before reading it.
    if _too_large(request, questions):
        with translation.override(_language_from_query(request, form)):
            return _no_store(
                render(
                    request,
                    TEMPLATES + "too_large.html",
                    _context(form, translation.get_language(), kiosk=kiosk),
                    status=413,
                )
            )
    data = request.POST
    language = _language(request, form)
    # The messages are worded in the resident's language, not the request's.
    with translation.override(language):
        answers = submission.read_answers(form, questions, data)
    posted = protection.read_token(str(data.get(protection.TOKEN_FIELD, "")), form.pk)
    token_to_show = (
        str(data.get(protection.TOKEN_FIELD))
        if posted.reusable
        else protection.issue_token(form.pk)
    )

    draft_key = _draft_key(data.get(DRAFT_FIELD))

    def again(**kwargs):
        return _render_form(
            request,
            form,
            questions,
            language,
            kiosk=kiosk,
            token=token_to_show,
            typed=answers.typed,
            draft=draft_key,
            **kwargs,
        )

    def show_again(*, errors=False, note=""):
        """Keep the answers for a few minutes and show them from a GET, so that
        the back button never offers to post them again."""
        key = _save_draft(
            form, questions, data, key=draft_key, token=token_to_show, errors=errors, note=note
        )
        return _redirect(_draft_url(form, language, key, kiosk=kiosk))

    if posted.nonce and protection.nonce_used(posted.nonce):
        # A page whose answers were sent already (the back button, a second tab).
        log.info("feedback: form %s: answers already sent from this page, not stored", form.pk)
        return _redirect(_thanks_url(form, language, kiosk=kiosk, already=True))

    if data.get(SWITCH_FIELD):  # the language buttons: show the form again, keep everything
        return show_again()

    if not (kiosk and protection.is_enrolled_kiosk(request, form.pk)) and protection.rate_limited(
        request, form.pk
    ):
        with translation.override(language):
            note = _(
                "Many answers have come from this network in the last minute. "
                "Wait a minute, then send your answers again. They are kept below."
            )
        return again(note=note, status=429)

    if protection.honeypot_filled(data):
        log.info("feedback: form %s: honeypot filled, not stored", form.pk)
        return _redirect(_thanks_url(form, language, kiosk=kiosk))

    if posted.state in (protection.TokenState.MISSING, protection.TokenState.EXPIRED):
        return show_again(note=NOTE_CHECK)
    if posted.state == protection.TokenState.TOO_FAST:
        log.info("feedback: form %s: posted too soon after rendering, not stored", form.pk)
        return show_again(note=NOTE_QUICK)

    if not answers.is_valid:
        return show_again(errors=True)

    if not protection.use_nonce(posted.nonce):
        log.info("feedback: form %s: the same answers again, not stored twice", form.pk)
        return _redirect(_thanks_url(form, language, kiosk=kiosk, already=True))
    try:
        submission.store(form, questions, answers, language)
    except Exception:
        protection.release_nonce(posted.nonce)
        raise
    if draft_key:
        # Going back to the page of the draft now says the answers are sent.
        cache.set(_draft_cache_key(form, draft_key), {"sent": True}, DRAFT_SECONDS)
    response = _redirect(_thanks_url(form, language, kiosk=kiosk))
    if kiosk:
        _set_cookie(
            response,
            protection.KIOSK_VISIT_COOKIE,
            secrets.token_urlsafe(16),
            form,
            max_age=None,
        )
    return response


# --- Drafts: the answers between a post and the page that shows them again ---------------


def _draft_key(value) -> str:
    value = str(value or "")
    return value if _DRAFT_KEY.fullmatch(value) else ""


def _draft_cache_key(form, key: str) -> str:
    return f"feedback:draft:{form.pk}:{key}"


def _draft_url(form, language, key, *, kiosk) -> str:
    name = "feedback:kiosk" if kiosk else "feedback:public"
    return reverse(name, args=[form.token]) + "?" + urlencode({"lang": language, DRAFT_FIELD: key})


def _save_draft(form, questions, data, *, key, token, errors, note) -> str:
    """Keep what was posted (the answers only) in the cache for DRAFT_SECONDS
    under a random key, which only the resident's address bar knows."""
    key = key or secrets.token_urlsafe(18)
    names = [submission.field_name(question) for question in questions]
    if form.offer_contact:
        names += [submission.CONTACT_FIELD, submission.EMAIL_FIELD]
    answers = {name: [str(v) for v in data.getlist(name)] for name in names if name in data}
    draft = {"answers": answers, "errors": errors, "token": token, "note": note}
    cache.set(_draft_cache_key(form, key), draft, DRAFT_SECONDS)
    return key


def _from_draft(request, form, questions, language, raw_key, *, kiosk):
    key = _draft_key(raw_key)
    draft = cache.get(_draft_cache_key(form, key)) if key else None
    if draft and draft.get("sent"):
        return _redirect(_thanks_url(form, language, kiosk=kiosk, already=True))
    if not draft:
        with translation.override(language):
            note = _(
                "The answers you typed are kept for a few minutes only, and are cleared now. "
                "Please answer again."
            )
        return _render_form(
            request,
            form,
            questions,
            language,
            kiosk=kiosk,
            token=protection.issue_token(form.pk),
            note=note,
        )
    with translation.override(language):
        answers = submission.read_answers(form, questions, MultiValueDict(draft["answers"]))
        note = _note(draft.get("note"))
    return _render_form(
        request,
        form,
        questions,
        language,
        kiosk=kiosk,
        token=draft["token"],
        typed=answers.typed,
        errors=answers.errors if draft.get("errors") else None,
        note=note,
        draft=key,
    )


def _note(code) -> str:
    if code == NOTE_CHECK:
        return _("Check your answers and press «Send» to send them.")
    if code == NOTE_QUICK:
        return _("That was quick! Check your answers and press «Send» again.")
    return ""


def _language_from_query(request, form) -> str:
    code = request.GET.get("lang") or getattr(request, "LANGUAGE_CODE", "nb")
    return code if code in offered_languages(form) else "nb"


def _set_cookie(response, name, value, form, *, max_age):
    response.set_cookie(
        name,
        value,
        max_age=max_age,
        path=reverse("feedback:public", args=[form.token]),
        secure=settings.HTTPS,
        httponly=True,
        samesite="Strict",
    )


def _enrol_kiosk(request, form) -> bool:
    """Whether the signed-in person may set this device up as the form's kiosk
    (permission to contribute to the form's project)."""
    if not request.user.is_authenticated:
        return False
    try:
        fetch_below_project(
            request,
            Form.objects.all(),
            project="project",
            org_slug=form.project.organisation.slug,
            permission=EDIT,
            pk=form.pk,
        )
    except (Http404, PermissionDenied):
        return False
    return True


@require_http_methods(["GET", "POST"])
@never_cache
def public_form(request, token):
    """``/f/<token>/``: the resident's form."""
    return _answer(request, token, kiosk=False)


@require_http_methods(["GET", "POST"])
@never_cache
def kiosk(request, token):
    """``/f/<token>/kiosk/``: the same form for a tablet at the service desk."""
    return _answer(request, token, kiosk=True)


def _thanks(request, token, *, kiosk):
    form = _find(token)
    if form is None or not form.is_open:
        return _gone(request, form, _language_from_query(request, form) if form else "nb")
    language = _language_from_query(request, form)
    with translation.override(language):
        context = _context(
            form,
            language,
            kiosk=kiosk,
            title=form.translated("title", language),
            already=request.GET.get("already") == "1",
            again_url=reverse("feedback:kiosk", args=[form.token]),
            reset_seconds=_setting("KLEAN_FEEDBACK_KIOSK_RESET_SECONDS", 20),
        )
        return _no_store(render(request, TEMPLATES + "thanks.html", context))


@require_GET
@never_cache
def thanks(request, token):
    return _thanks(request, token, kiosk=False)


@require_GET
@never_cache
def kiosk_thanks(request, token):
    return _thanks(request, token, kiosk=True)
