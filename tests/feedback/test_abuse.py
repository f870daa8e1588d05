"""Bots without a captcha (QUALITY.md S6, feedback/protection.py): the
honeypot, the minimum fill time, single use, the rate limit and kiosk
tablets. A bot gets no 500 and no stored answer; a resident is never blocked.

The cache is whatever the test settings give (locally in memory, Redis
database 1 in CI); conftest clears it before each test.
"""

import time
from unittest import mock

import pytest
from django.core.cache import cache
from django.test import Client

from feedback import protection
from feedback.models import Response
from feedback.submission import field_name
from klean.ratelimit import cache_key
from tests.feedback.helpers import (
    form_with_every_kind,
    good_answers,
    old_token,
    post,
    shown_again,
    token_in,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def every_kind():
    return form_with_every_kind()


def test_a_filled_honeypot_is_thanked_and_not_stored(client, every_kind):
    form, questions = every_kind
    data = {**good_answers(questions), protection.HONEYPOT_FIELD: "http://spam.example"}
    response = post(client, form, data)
    assert response.status_code == 303
    assert response["Location"].startswith(f"/f/{form.token}/thanks/")
    assert not Response.objects.exists()


def test_a_post_sooner_than_three_seconds_is_not_stored_and_keeps_the_answers(client, every_kind):
    form, questions = every_kind
    html = client.get(f"/f/{form.token}/").content.decode()
    fresh = token_in(html)
    response = shown_again(client, post(client, form, good_answers(questions), token=fresh))
    assert response.status_code == 200
    assert not Response.objects.exists()
    again = response.content.decode()
    assert 'value="Ferdigattest"' in again
    assert token_in(again) == fresh, "the token's clock keeps running"
    # Three seconds later the same token is good.
    with mock.patch("feedback.protection.time.time", return_value=time.time() + 3.1):
        assert post(client, form, good_answers(questions), token=fresh).status_code == 303
    assert Response.objects.count() == 1


def test_the_minimum_time_is_a_setting(client, every_kind, settings):
    form, questions = every_kind
    settings.KLEAN_FEEDBACK_MIN_SECONDS = 0
    fresh = token_in(client.get(f"/f/{form.token}/").content.decode())
    assert post(client, form, good_answers(questions), token=fresh).status_code == 303


def test_an_expired_token_shows_the_form_again_with_a_fresh_token(client, every_kind):
    form, questions = every_kind
    long_ago = time.time() - protection.TOKEN_MAX_AGE.total_seconds() - 60
    with mock.patch("django.core.signing.time.time", return_value=long_ago):
        expired = protection.issue_token(form.pk, issued_at=long_ago)
    response = shown_again(client, post(client, form, good_answers(questions), token=expired))
    assert response.status_code == 200
    html = response.content.decode()
    assert "error-summary" not in html, "an expired page is not the resident's error"
    assert 'value="Ferdigattest"' in html
    assert token_in(html) != expired
    assert not Response.objects.exists()


@pytest.mark.parametrize("token", ["", "garbage", "eyJmIjoxfQ:1abc:forged"])
def test_a_missing_or_forged_token_stores_nothing(client, every_kind, token):
    form, questions = every_kind
    response = shown_again(client, post(client, form, good_answers(questions), token=token))
    assert response.status_code == 200
    assert not Response.objects.exists()


def test_a_token_for_another_form_stores_nothing(client, every_kind):
    form, questions = every_kind
    other, _ = form_with_every_kind()
    response = shown_again(
        client, post(client, form, good_answers(questions), token=old_token(other))
    )
    assert response.status_code == 200
    assert not Response.objects.exists()


def test_a_replayed_submission_is_stored_once(client, every_kind):
    form, questions = every_kind
    token = old_token(form)
    first = post(client, form, good_answers(questions), token=token)
    second = post(client, form, good_answers(questions), token=token)
    assert first.status_code == second.status_code == 303
    assert second["Location"] == first["Location"] + "&already=1"
    assert Response.objects.count() == 1


def test_a_replay_after_a_failed_store_is_stored(client, every_kind):
    """The nonce is given back when the answers could not be stored."""
    form, questions = every_kind
    token = old_token(form)
    with (
        mock.patch("feedback.submission.Answer.objects.bulk_create", side_effect=RuntimeError),
        pytest.raises(RuntimeError),
    ):
        post(client, form, good_answers(questions), token=token)
    assert not Response.objects.exists()
    assert post(client, form, good_answers(questions), token=token).status_code == 303
    assert Response.objects.count() == 1


def test_a_cache_outage_stores_the_answer_rather_than_losing_it(client, every_kind):
    form, questions = every_kind
    with (
        mock.patch("feedback.protection.cache.add", return_value=False),
        mock.patch("feedback.protection.cache.get", return_value=None),
    ):
        assert post(client, form, good_answers(questions)).status_code == 303
    assert Response.objects.count() == 1


def posts(client, form, questions, count, **extra):
    return [post(client, form, good_answers(questions), **extra).status_code for _ in range(count)]


def test_more_than_thirty_posts_a_minute_from_one_client_get_429(client, every_kind):
    form, questions = every_kind
    statuses = posts(client, form, questions, 30, REMOTE_ADDR="203.0.113.5")
    assert statuses == [303] * 30
    response = post(client, form, good_answers(questions), REMOTE_ADDR="203.0.113.5")
    assert response.status_code == 429
    html = response.content.decode()
    assert 'value="Ferdigattest"' in html, "the resident's answers are kept"
    assert "no-store" in response["Cache-Control"]
    assert Response.objects.count() == 30
    # Another client, and the same client on another form, are not limited.
    assert posts(Client(), form, questions, 1, REMOTE_ADDR="203.0.113.6") == [303]
    other, other_questions = form_with_every_kind()
    assert posts(client, other, other_questions, 1, REMOTE_ADDR="203.0.113.5") == [303]


def test_the_rate_limit_counts_a_keyed_hash_not_the_address(client, every_kind):
    form, questions = every_kind
    posts(client, form, questions, 1, REMOTE_ADDR="203.0.113.5")
    key = cache_key("feedback-post", f"{form.pk}:203.0.113.5")
    assert cache.get(key) == 1
    assert "203.0.113.5" not in key


def test_the_limit_is_a_setting(client, every_kind, settings):
    form, questions = every_kind
    settings.KLEAN_FEEDBACK_POSTS_PER_MINUTE = 2
    assert posts(client, form, questions, 3) == [303, 303, 429]


def test_an_anonymous_kiosk_is_rate_limited_like_anyone(client, every_kind, settings):
    form, questions = every_kind
    settings.KLEAN_FEEDBACK_POSTS_PER_MINUTE = 2
    assert posts(client, form, questions, 3, kiosk=True) == [303, 303, 429]


def test_an_enrolled_kiosk_is_not_rate_limited(client, every_kind, settings):
    form, questions = every_kind
    settings.KLEAN_FEEDBACK_POSTS_PER_MINUTE = 2
    client.cookies[protection.KIOSK_COOKIE] = protection.kiosk_cookie_value(form.pk)
    assert posts(client, form, questions, 5, kiosk=True) == [303] * 5
    assert Response.objects.count() == 5
    # The cookie counts only on the kiosk address of its own form.
    assert posts(client, form, questions, 3) == [303, 303, 429]
    other, other_questions = form_with_every_kind()
    assert posts(client, other, other_questions, 3, kiosk=True) == [303, 303, 429]


def test_a_forged_kiosk_cookie_exempts_nothing(client, every_kind, settings):
    form, questions = every_kind
    settings.KLEAN_FEEDBACK_POSTS_PER_MINUTE = 1
    client.cookies[protection.KIOSK_COOKIE] = f'{{"kiosk": {form.pk}}}'
    assert posts(client, form, questions, 2, kiosk=True) == [303, 429]


def test_a_slow_resident_is_never_blocked(client, every_kind):
    """A screen-reader user who spends ten minutes (or a day, across a token's
    expiry) on the form gets their answer stored, at most after one more press."""
    form, questions = every_kind
    assert (
        post(client, form, good_answers(questions), token=old_token(form, 600)).status_code == 303
    )
    assert Response.objects.count() == 1


def test_bad_posts_never_give_a_500(client, every_kind):
    form, questions = every_kind
    name = field_name(questions["multiple"])
    for data in (
        {name: ["0"] * 500},
        {"render_token": ["a", "b"]},
        {protection.HONEYPOT_FIELD: "\x00"},
        {"switch_language": "xx", "language": "\x00"},
        {field_name(questions["satisfaction"]): "٣"},
    ):
        assert client.post(f"/f/{form.token}/", data).status_code < 500
