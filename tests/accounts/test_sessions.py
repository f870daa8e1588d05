import time

from django.conf import settings

from accounts.middleware import SEEN_KEY, STARTED_KEY


def age_session(client, **seconds_ago):
    session = client.session
    now = time.time()
    for key, ago in seconds_ago.items():
        session[key] = now - ago
    session.save()


def test_session_cookie_lives_at_most_twelve_hours():
    assert settings.SESSION_COOKIE_AGE == 12 * 60 * 60


def test_session_older_than_twelve_hours_is_logged_out_with_a_message(client_for, cast):
    client = client_for(cast.employee)
    url = cast.organisation.get_absolute_url()
    assert client.get(url).status_code == 200
    age_session(client, **{STARTED_KEY: 12 * 3600 + 5})
    response = client.get(url, follow=True)
    assert response.redirect_chain[0][0].startswith("/login/")
    assert "12 timer" in response.content.decode()


def test_idle_members_of_short_session_organisations_are_logged_out(client_for, cast):
    cast.organisation.short_sessions = True
    cast.organisation.save()
    client = client_for(cast.employee)
    url = cast.organisation.get_absolute_url()
    assert client.get(url).status_code == 200
    age_session(client, **{SEEN_KEY: 29 * 60})
    assert client.get(url).status_code == 200  # 29 idle minutes: still in
    age_session(client, **{SEEN_KEY: 31 * 60})
    response = client.get(url, follow=True)
    assert response.redirect_chain[0][0].startswith("/login/")
    assert "30 minutter uten aktivitet" in response.content.decode()


def test_idle_time_does_not_matter_where_the_organisation_did_not_ask(client_for, cast):
    client = client_for(cast.employee)
    url = cast.organisation.get_absolute_url()
    client.get(url)
    age_session(client, **{SEEN_KEY: 5 * 3600})
    assert client.get(url).status_code == 200


def test_htmx_request_of_an_expired_session_gets_a_redirect_header(client_for, cast):
    cast.organisation.short_sessions = True
    cast.organisation.save()
    client = client_for(cast.employee)
    client.get(cast.organisation.get_absolute_url())
    age_session(client, **{SEEN_KEY: 3600})
    response = client.get(cast.organisation.get_absolute_url(), headers={"HX-Request": "true"})
    assert response.status_code == 204
    assert response["HX-Redirect"].startswith("/login/")
