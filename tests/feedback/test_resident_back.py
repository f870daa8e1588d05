"""The back button on the resident's form: a post that shows the form again
(an error, a language button) answers with a redirect to a GET, so going back
never offers to post the answers again; a page whose answers were sent is
never stored twice, and says so."""

import re
import time
from unittest import mock

import pytest
from django.utils import translation
from django.utils.translation import gettext

from feedback.models import Response
from feedback.submission import field_name
from feedback.views.public import DRAFT_SECONDS
from tests.feedback.helpers import (
    form_with_every_kind,
    good_answers,
    old_token,
    post,
    shown_again,
    token_in,
)

pytestmark = pytest.mark.django_db

ALREADY = "You have already answered – thank you!"


def text(language, msgid):
    with translation.override(language):
        return gettext(msgid)


@pytest.fixture
def every_kind():
    return form_with_every_kind()


def test_an_error_redirects_to_a_get_that_shows_the_answers_kept(client, every_kind):
    form, questions = every_kind
    answers = good_answers(questions)
    broken = {**answers, field_name(questions["yes_no"]): "", "language": "nn"}
    response = post(client, form, broken)
    assert response.status_code == 303
    assert response["Location"].startswith(f"/f/{form.token}/?lang=nn&draft=")
    page = client.get(response["Location"])
    html = page.content.decode()
    assert "no-store" in page["Cache-Control"]
    assert '<html lang="nn">' in html and "error-summary" in html
    assert text("nn", "Choose an answer.") in html
    assert 'value="Ferdigattest"' in html
    # Reloading the page shows the same answers; nothing is stored yet.
    assert 'value="Ferdigattest"' in client.get(response["Location"]).content.decode()
    assert not Response.objects.exists()
    # Correcting it from that page stores it once.
    fixed = post(client, form, {**answers, "draft": _draft(html)}, token=token_in(html))
    assert fixed.status_code == 303 and "/thanks/" in fixed["Location"]
    assert Response.objects.count() == 1
    # Back to the page of the draft: a message, never the answers again.
    back = client.get(response["Location"], follow=True)
    assert text("nn", ALREADY) in back.content.decode()
    assert 'value="Ferdigattest"' not in back.content.decode()


def test_a_language_button_redirects_and_shows_no_errors(client, every_kind):
    form, _questions = every_kind
    response = post(client, form, {"switch_language": "en", "language": "nb"})
    html = shown_again(client, response).content.decode()
    assert '<html lang="en">' in html and "error-summary" not in html
    assert not Response.objects.exists()


def test_the_answers_kept_expire_within_minutes(client, every_kind, settings):
    # An in-memory cache whose clock the test can move (Redis keeps its own).
    settings.CACHES = {
        **settings.CACHES,
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "drafts-expire",
        },
    }
    form, questions = every_kind
    assert DRAFT_SECONDS <= 15 * 60
    location = post(client, form, {**good_answers(questions), "switch_language": "nn"})["Location"]
    later = time.time() + DRAFT_SECONDS + 1
    with mock.patch("django.core.cache.backends.locmem.time.time", return_value=later):
        html = client.get(location).content.decode()
    assert 'value="Ferdigattest"' not in html
    assert (
        text(
            "nn",
            "The answers you typed are kept for a few minutes only, and are cleared now. "
            "Please answer again.",
        )
        in html
    )


def test_another_form_cannot_read_the_answers_kept(client, every_kind):
    form, questions = every_kind
    other, _ = form_with_every_kind()
    location = post(client, form, {**good_answers(questions), "switch_language": "nn"})["Location"]
    stolen = location.replace(form.token, other.token)
    assert 'value="Ferdigattest"' not in client.get(stolen).content.decode()


@pytest.mark.parametrize("language", ["nb", "nn", "en"])
def test_a_page_sent_already_is_never_stored_again_and_says_so(client, every_kind, language):
    form, questions = every_kind
    token = old_token(form)
    answers = {**good_answers(questions), "language": language}
    assert post(client, form, answers, token=token).status_code == 303
    # The back button (or a second tab) posts the same page again, changed or not.
    for again in (answers, {**answers, field_name(questions["satisfaction"]): "1"}, {}):
        response = post(client, form, {**again, "language": language}, token=token)
        assert response.status_code == 303
        page = client.get(response["Location"])
        assert text(language, ALREADY) in page.content.decode()
    assert Response.objects.count() == 1


def test_the_public_form_is_not_kept_or_filled_in_by_the_browser(client, every_kind):
    form, _ = every_kind
    response = client.get(f"/f/{form.token}/")
    assert "no-store" in response["Cache-Control"]
    assert 'id="feedback-form"' in response.content.decode()
    assert 'novalidate autocomplete="off"' in response.content.decode()


def _draft(html):
    return re.search(r'name="draft" value="([^"]+)"', html).group(1)
