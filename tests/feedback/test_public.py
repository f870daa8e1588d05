"""The resident's form and the kiosk (feedback/views/public.py): no login,
every question kind, errors with everything kept, languages, statuses,
no-store, and nothing stored that says who answered."""

import re

import pytest
from django.utils import translation
from django.utils.translation import gettext

from feedback import protection
from feedback.models import Answer, ContactRequest, FormStatus, Response
from feedback.submission import CONTACT_FIELD, EMAIL_FIELD, field_name
from tests.factories import FormFactory, QuestionFactory
from tests.feedback.helpers import (
    form_with_every_kind,
    good_answers,
    post,
    shown_again,
    token_in,
)

pytestmark = pytest.mark.django_db

IP = "203.0.113.77"
AGENT = "Mozilla/5.0 (Linux; Android 9; Kari sin telefon)"


def text(language, msgid):
    with translation.override(language):
        return gettext(msgid)


def assert_no_store(response):
    assert "no-store" in response["Cache-Control"], response["Cache-Control"]


@pytest.fixture
def every_kind():
    return form_with_every_kind()


# --- The page ------------------------------------------------------------------------------


def test_the_form_is_one_page_of_fieldsets_and_labels_without_login(client, every_kind):
    form, questions = every_kind
    response = client.get(f"/f/{form.token}/")
    assert response.status_code == 200
    assert_no_store(response)
    html = response.content.decode()
    assert '<html lang="nb">' in html
    assert "novalidate" in html and " required" not in html and "*" not in html
    assert form.project.organisation.name in html
    # Choice groups are fieldsets with a legend; free text has a label.
    assert html.count("<fieldset") == 5  # four choice questions and "may we contact you"
    assert html.count("<legend") == 5
    for kind in ("short_text", "long_text", "what_matters"):
        assert f'for="{field_name(questions[kind])}"' in html
    # The satisfaction scale: native radios with full labels, nothing preselected.
    scale = field_name(questions["satisfaction"])
    assert html.count(f'name="{scale}"') == 5
    assert "checked" not in html
    # No staff menu on the resident's page.
    assert "site-menu" not in html and "Log out" not in html
    # The honeypot is out of sight, out of the tab order and of the accessibility tree.
    trap = re.search(r'<div class="resident-trap" aria-hidden="true">(.*?)</div>', html, re.S)
    assert trap and 'tabindex="-1"' in trap.group(1) and 'autocomplete="off"' in trap.group(1)


def test_the_opening_line_promises_anonymity_and_free_text_warns(client, every_kind):
    form, _ = every_kind
    html = client.get(f"/f/{form.token}/?lang=en").content.decode()
    assert text("en", "The form is anonymous and takes about a minute.")[:20] in html
    assert html.count(text("en", "Do not write names or other personal information.")) == 3


def test_the_form_says_once_which_questions_are_optional(client, every_kind):
    form, _ = every_kind
    html = client.get(f"/f/{form.token}/").content.decode()
    optional = text("nb", "optional")
    assert html.count(f"({optional})") == 5  # four optional questions and the contact box
    all_required = FormFactory()
    QuestionFactory(form=all_required, required=True)
    html = client.get(f"/f/{all_required.token}/").content.decode()
    assert text("nb", "Please answer every question.") in html
    assert f"({optional})" not in html


@pytest.mark.parametrize("language", ["nn", "en"])
def test_the_resident_chooses_the_language_with_a_link(client, every_kind, language):
    form, questions = every_kind
    response = client.get(f"/f/{form.token}/?lang={language}")
    html = response.content.decode()
    assert f'<html lang="{language}">' in html
    assert form.translated("title", language) in html
    if language == "nn":
        assert questions["satisfaction"].text_nn in html
        assert "Veit ikkje" in html
    for code, name in (("nb", "Bokmål"), ("nn", "Nynorsk"), ("en", "English")):
        assert re.search(rf'lang="{code}"[^>]*>{name}<', html)


def test_english_is_offered_only_when_the_form_is_given_in_english(client):
    form = FormFactory(title_en="")
    QuestionFactory(form=form)
    html = client.get(f"/f/{form.token}/").content.decode()
    assert ">Nynorsk<" in html and ">English<" not in html
    assert '<html lang="nb">' in client.get(f"/f/{form.token}/?lang=en").content.decode()


def test_switching_language_keeps_everything_typed_and_stores_nothing(client, every_kind):
    form, questions = every_kind
    answers = good_answers(questions)
    response = shown_again(
        client, post(client, form, {**answers, "switch_language": "nn", "language": "nb"})
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="nn">' in html
    assert 'name="language" value="nn"' in html
    assert_kept(html, questions, answers)
    assert not Response.objects.exists()


def assert_kept(html, questions, answers):
    for kind in ("satisfaction", "yes_no", "single"):
        name = field_name(questions[kind])
        assert re.search(rf'name="{name}" id="[^"]+" value="{answers[name]}" checked', html), kind
    name = field_name(questions["multiple"])
    for value in answers[name]:
        assert re.search(rf'name="{name}" id="[^"]+" value="{value}" checked', html)
    assert f'value="{answers[field_name(questions["short_text"])]}"' in html
    assert "Svar raskere.\nSi hvor saken står.</textarea>" in html


# --- Answering ---------------------------------------------------------------------------------


def test_an_answer_is_stored_and_thanked_with_post_redirect_get(client, every_kind):
    form, questions = every_kind
    response = post(client, form, {**good_answers(questions), "language": "nn"})
    assert response.status_code == 303
    assert response["Location"] == f"/f/{form.token}/thanks/?lang=nn"
    assert_no_store(response)
    assert Response.objects.get().language == "nn"
    assert Answer.objects.count() == 7
    thanks = client.get(response["Location"])
    assert thanks.status_code == 200
    assert_no_store(thanks)
    assert '<html lang="nn">' in thanks.content.decode()


def test_errors_are_listed_at_the_top_linked_and_everything_typed_is_kept(client, every_kind):
    form, questions = every_kind
    answers = good_answers(questions)
    broken = {
        **answers,
        field_name(questions["satisfaction"]): "6",
        field_name(questions["yes_no"]): "",
        CONTACT_FIELD: "1",
        EMAIL_FIELD: "kari(at)example",
    }
    response = shown_again(client, post(client, form, broken))
    assert response.status_code == 200
    assert not Response.objects.exists() and not ContactRequest.objects.exists()
    html = response.content.decode()
    title = re.search(r"<title>(.*?)</title>", html, re.S).group(1)
    assert title.startswith(text("nb", "Error:") + " ")
    summary = re.search(r'<div class="error-summary"[^>]*>(.*?)</div>', html, re.S)
    assert 'tabindex="-1" autofocus' in html
    links = re.findall(r'<a href="#([^"]+)">', summary.group(1))
    assert len(links) == 3
    for target in links:
        assert f'id="{target}"' in html, f"the summary links to #{target}, which is missing"
    for kind in ("satisfaction", "yes_no"):
        name = field_name(questions[kind])
        assert f'aria-describedby="{name}-error"' in html
        assert f'id="{name}-error"' in html
        assert re.search(rf'name="{name}" id="[^"]+" value="\d" aria-invalid="true"', html)
    assert (
        'value="kari(at)example"' in html
        and 'aria-invalid="true" aria-describedby="contact_email-error"' in html
    )
    # What was typed is kept (the broken score itself is not a choice to show).
    assert f'value="{answers[field_name(questions["short_text"])]}"' in html
    assert "Svar raskere.\nSi hvor saken står.</textarea>" in html
    assert 'name="contact" id="contact" value="1" checked' in html
    # Then the resident corrects it, with the same render token, and it is stored.
    fixed = {**answers, CONTACT_FIELD: "1", EMAIL_FIELD: "kari@example.no"}
    again = post(client, form, fixed, token=token_in(html))
    assert again.status_code == 303
    assert Response.objects.count() == 1


def test_too_long_text_is_refused_with_a_message_not_cut(client, every_kind):
    form, questions = every_kind
    name = field_name(questions["short_text"])
    response = shown_again(client, post(client, form, {**good_answers(questions), name: "x" * 201}))
    assert response.status_code == 200
    assert "201" in response.content.decode()
    assert not Response.objects.exists()


def test_a_nul_byte_never_reaches_the_database(client, every_kind):
    form, questions = every_kind
    name = field_name(questions["long_text"])
    response = post(client, form, {**good_answers(questions), name: "Vente\x00tid"})
    assert response.status_code == 303
    assert Answer.objects.get(question=questions["long_text"]).text == "Ventetid"


def test_a_megabyte_of_text_is_refused_before_it_is_read(client, every_kind):
    form, questions = every_kind
    name = field_name(questions["long_text"])
    response = post(client, form, {**good_answers(questions), name: "x" * 1_000_000})
    assert response.status_code == 413
    assert_no_store(response)
    assert not Response.objects.exists()


def test_contact_request_is_stored_apart_from_the_answers(client, every_kind):
    form, questions = every_kind
    post(
        client,
        form,
        {**good_answers(questions), CONTACT_FIELD: "1", EMAIL_FIELD: "kari@example.no"},
    )
    contact = ContactRequest.objects.get()
    assert contact.email == "kari@example.no"
    response = Response.objects.get()
    assert str(response.pk) not in str(ContactRequest.objects.values().get())


def test_the_contact_box_is_shown_only_when_the_form_offers_it(client):
    form = FormFactory(offer_contact=False)
    QuestionFactory(form=form)
    html = client.get(f"/f/{form.token}/").content.decode()
    assert f'name="{EMAIL_FIELD}"' not in html
    post(client, form, {CONTACT_FIELD: "1", EMAIL_FIELD: "kari@example.no"})
    assert not ContactRequest.objects.exists()


def test_nothing_identifying_is_stored(client, every_kind):
    """The request carries an IP address, a user agent and cookies; none of it
    is found in any stored row (QUALITY.md G1)."""
    form, questions = every_kind
    client.get(f"/f/{form.token}/")  # the CSRF cookie
    client.cookies["tracking"] = "cookie-id-123"
    response = post(
        client,
        form,
        {**good_answers(questions), CONTACT_FIELD: "1", EMAIL_FIELD: "kari@example.no"},
        REMOTE_ADDR=IP,
        HTTP_USER_AGENT=AGENT,
        HTTP_X_FORWARDED_FOR="198.51.100.9",
    )
    assert response.status_code == 303
    rows = [
        *Response.objects.values(),
        *Answer.objects.values(),
        *ContactRequest.objects.values(),
    ]
    stored = repr(rows)
    for secret in (
        IP,
        "198.51.100.9",
        AGENT,
        "Android",
        "cookie-id-123",
        client.cookies["csrftoken"].value,
    ):
        assert secret not in stored
    assert set(Response.objects.values().get()) == {"id", "form_id", "language", "submitted_on"}
    # No cookie is set on the resident's phone by answering.
    assert not [c for c in response.cookies if c != "csrftoken"]


# --- Statuses ----------------------------------------------------------------------------------


def test_an_unknown_token_is_a_friendly_404(client):
    response = client.get("/f/no-such-form-token/")
    assert response.status_code == 404
    assert_no_store(response)
    assert "resident-header" in response.content.decode()
    assert post(client, FormFactory.build(token="no-such-form-token", pk=0), {}).status_code == 404


@pytest.mark.parametrize("path", ["", "thanks/", "kiosk/", "kiosk/thanks/"])
def test_a_draft_form_is_404(client, path):
    form = FormFactory(status=FormStatus.DRAFT)
    QuestionFactory(form=form)
    assert client.get(f"/f/{form.token}/{path}").status_code == 404


@pytest.mark.parametrize("path", ["", "thanks/", "kiosk/", "kiosk/thanks/"])
def test_a_closed_form_is_410_with_a_friendly_page(client, path):
    form = FormFactory(status=FormStatus.CLOSED)
    QuestionFactory(form=form)
    response = client.get(f"/f/{form.token}/{path}?lang=nn")
    assert response.status_code == 410
    assert_no_store(response)
    html = response.content.decode()
    assert text("nn", "The form is closed") in html
    assert text("nn", "Thank you for your interest.") in html


def test_posting_to_a_closed_form_is_410_and_stores_nothing(client, every_kind):
    form, questions = every_kind
    form.status = FormStatus.CLOSED
    form.save()
    for kiosk in (False, True):
        assert post(client, form, good_answers(questions), kiosk=kiosk).status_code == 410
    assert not Response.objects.exists()


def test_other_methods_are_refused(client, every_kind):
    form, _ = every_kind
    assert client.put(f"/f/{form.token}/").status_code == 405
    assert client.post(f"/f/{form.token}/thanks/").status_code == 405


# --- The kiosk -----------------------------------------------------------------------------------


def test_the_kiosk_is_the_same_form_with_autocomplete_off_and_no_store(client, every_kind):
    form, _ = every_kind
    response = client.get(f"/f/{form.token}/kiosk/")
    assert response.status_code == 200
    assert_no_store(response)
    html = response.content.decode()
    assert 'autocomplete="off"' in html and "resident--kiosk" in html
    assert f'action="/f/{form.token}/kiosk/"' in html
    assert 'data-kiosk-idle="90"' in html and 'data-kiosk-warning="30"' in html
    assert 'autocomplete="email"' not in html


def test_a_kiosk_answer_thanks_rotates_a_cookie_and_resets(client, every_kind):
    form, questions = every_kind
    first = post(client, form, good_answers(questions), kiosk=True)
    assert first.status_code == 303
    assert first["Location"] == f"/f/{form.token}/kiosk/thanks/?lang=nb"
    visit = first.cookies[protection.KIOSK_VISIT_COOKIE]
    assert visit["httponly"] and visit["path"] == f"/f/{form.token}/"
    second = post(client, form, good_answers(questions), kiosk=True)
    assert second.cookies[protection.KIOSK_VISIT_COOKIE].value != visit.value
    assert Response.objects.count() == 2
    thanks = client.get(first["Location"])
    assert_no_store(thanks)
    html = thanks.content.decode()
    assert f'data-kiosk-return="20" data-kiosk-reset="/f/{form.token}/kiosk/"' in html
    assert "http-equiv" not in html  # a meta refresh cannot be extended (WCAG 2.2.1)
    assert f'href="/f/{form.token}/kiosk/"' in html
    assert text("nb", "New response") in html


def test_a_facilitator_enrols_the_tablet_as_the_kiosk(client, cast, project):
    form, _ = form_with_every_kind(project=project)
    client.force_login(cast.facilitator)
    response = client.get(f"/f/{form.token}/kiosk/")
    cookie = response.cookies[protection.KIOSK_COOKIE]
    assert cookie["httponly"] and cookie["path"] == f"/f/{form.token}/"
    assert cookie["samesite"] == "Strict"
    assert protection.is_enrolled_kiosk(
        type("R", (), {"COOKIES": {protection.KIOSK_COOKIE: cookie.value}}), form.pk
    )
    assert 'name="next" value="/f/' in response.content.decode()  # log out and hand over


def test_only_contributors_enrol_a_kiosk(client, cast, project):
    form, _ = form_with_every_kind(project=project)
    assert protection.KIOSK_COOKIE not in client.get(f"/f/{form.token}/kiosk/").cookies
    client.force_login(cast.employee)  # in the organisation, not on the project's team
    assert protection.KIOSK_COOKIE not in client.get(f"/f/{form.token}/kiosk/").cookies
    client.force_login(cast.outsider)
    assert protection.KIOSK_COOKIE not in client.get(f"/f/{form.token}/kiosk/").cookies
    # The public form never enrols anyone.
    client.force_login(cast.facilitator)
    assert protection.KIOSK_COOKIE not in client.get(f"/f/{form.token}/").cookies
