"""Health checks, security headers, language switching and the demo data."""

import json

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from accounts.models import Membership, Organisation, User


def test_healthz_is_public_and_reports_the_database(client, db, settings):
    settings.REDIS_URL = ""
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "checks": {"database": "ok"}}
    assert "no-cache" in response["Cache-Control"]


def test_healthz_names_a_failing_database_and_says_no_more(client, db, monkeypatch, settings):
    settings.REDIS_URL = ""
    monkeypatch.setattr("klean.views._check_database", lambda: False)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"status": "failed", "checks": {"database": "failed"}}


def test_healthz_checks_the_broker_when_one_is_configured(client, db, settings):
    settings.REDIS_URL = "redis://127.0.0.1:1/0"  # nothing listens on port 1
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["checks"] == {"database": "ok", "broker": "failed"}


def test_ping_is_a_fixed_string(client):
    response = client.get("/ping")
    assert response.content == b"ok"


def test_every_html_response_has_a_strict_content_security_policy(client, db):
    response = client.get("/login/")
    policy = dict(
        [*part.split(" ", 1), ""][:2] for part in response["Content-Security-Policy"].split("; ")
    )
    assert policy["script-src"] == "'self'"
    assert "unsafe" not in response["Content-Security-Policy"]
    assert policy["object-src"] == "'none'"
    assert policy["base-uri"] == "'none'"
    assert policy["frame-ancestors"] == "'none'"
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert "camera=()" in response["Permissions-Policy"]


def test_pages_have_no_inline_scripts_or_styles(client_for, cast):
    client = client_for(cast.admin)
    for url in [
        "/login/",
        cast.organisation.get_absolute_url(),
        reverse("accounts:members", args=[cast.organisation.slug]),
    ]:
        content = client.get(url).content.decode()
        assert "<script>" not in content and "style=" not in content, url
        assert " hx-on" not in content, url


@pytest.mark.parametrize(
    ("language", "text"), [("nb", "Logg inn"), ("nn", "Logg inn"), ("en", "Log in")]
)
def test_language_switch_changes_the_language(client, db, language, text):
    response = client.post(reverse("set_language"), {"language": language, "next": "/login/"})
    assert response.status_code == 302
    response = client.get("/login/")
    assert response["Content-Language"] == language
    assert f'<html lang="{language}">' in response.content.decode()
    assert text in response.content.decode()


def test_nynorsk_is_nynorsk(client, db):
    client.post(reverse("set_language"), {"language": "nn", "next": "/login/"})
    content = client.get("/password/reset/").content.decode()
    assert "Skriv e-postadressa du loggar inn med" in content


@pytest.mark.parametrize("code", ["xx", "", "nb\x00", "<script>", "de"])
def test_unknown_language_code_keeps_bokmal(client, db, code):
    response = client.post(reverse("set_language"), {"language": code, "next": "/login/"})
    assert response.status_code in (302, 400)
    client.cookies["django_language"] = code
    response = client.get("/login/")
    assert response.status_code == 200
    assert response["Content-Language"] == "nb"


def test_post_without_csrf_token_gets_a_friendly_403(db):
    client = Client(enforce_csrf_checks=True)
    response = client.post("/login/", {"username": "a@b.no", "password": "x"})
    assert response.status_code == 403
    assert "Skjemaet har gått ut på tid" in response.content.decode()


def test_pages_are_404_not_500_for_unknown_addresses(client, db):
    response = client.get("/finnes/ikke/")
    assert response.status_code == 404
    assert "Vi finner ikke den siden" in response.content.decode()


def test_seed_demo_is_idempotent(db, capsys):
    call_command("seed_demo")
    counts = (Organisation.objects.count(), User.objects.count(), Membership.objects.count())
    call_command("seed_demo")
    assert (
        Organisation.objects.count(),
        User.objects.count(),
        Membership.objects.count(),
    ) == counts
    assert counts == (2, 9, 9)
    output = capsys.readouterr().out
    assert "admin@eksempel-kommune.no" in output and "klean-demo-2026" in output
    kommune = Organisation.objects.get(slug="eksempel-kommune")
    assert set(kommune.memberships.values_list("role", flat=True)) == {
        "admin",
        "leader",
        "facilitator",
        "employee",
    }


def test_healthz_payload_is_small_json(client, db):
    assert len(json.dumps(client.get("/healthz").json())) < 200
