"""The builder after a first user test: the address residents are sent to,
texts in three languages kept in step, and the wording of the builder."""

import re
import shutil
import subprocess

import pytest
from django.conf import settings as django_settings
from django.urls import reverse

from feedback.models import FormStatus
from tests.factories import FormFactory, QuestionFactory

pytestmark = pytest.mark.django_db


def url(name, *args, org="eksempel"):
    return reverse(f"feedback:{name}", args=[org, *args])


@pytest.fixture
def open_form(project):
    form = FormFactory(project=project, status=FormStatus.OPEN, title="Byggesak")
    QuestionFactory(form=form, order=1, text="Hvor fornøyd er du?")
    return form


# --- 1. SITE_URL -----------------------------------------------------------------------------


@pytest.mark.skipif(not shutil.which("make"), reason="needs GNU make")
@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ({"PORT": "8123"}, "http://127.0.0.1:8123"),
        ({"PORT": "8123", "HOST": "192.168.1.20"}, "http://192.168.1.20:8123"),
        ({"PORT": "8123", "SITE_URL": "https://klean.kommune.no"}, "https://klean.kommune.no"),
    ],
)
def test_make_run_gives_the_server_its_own_address_as_site_url(given, expected):
    arguments = [f"{key}={value}" for key, value in given.items()]
    shown = subprocess.run(
        ["make", "-n", "--no-print-directory", "run", *arguments],
        cwd=django_settings.BASE_DIR,
        capture_output=True,
        text=True,
        check=True,
        env={"PATH": "/usr/bin:/bin"},
    ).stdout
    runserver = next(line for line in shown.splitlines() if "runserver" in line)
    assert f"SITE_URL='{expected}'" in runserver


def test_the_form_page_and_poster_warn_staff_when_site_url_is_elsewhere(
    client_for, cast, open_form, settings
):
    client = client_for(cast.facilitator)
    settings.SITE_URL = "http://127.0.0.1:8000"
    for page in ("form", "poster"):
        html = client.get(url(page, open_form.pk)).content.decode()
        assert 'id="site-url-warning"' in html
        warning = re.search(r'id="site-url-warning">(.*?)</div>', html, re.S).group(1)
        assert "127.0.0.1:8000" in warning and "testserver" in warning
    # Residents never see it.
    public = client.get(f"/f/{open_form.token}/").content.decode()
    assert "site-url-warning" not in public
    settings.SITE_URL = "http://testserver"
    for page in ("form", "poster"):
        assert "site-url-warning" not in client.get(url(page, open_form.pk)).content.decode()


# --- 9. The addresses on a phone -------------------------------------------------------------


def test_both_addresses_are_links_with_a_field_to_copy(client_for, cast, open_form, settings):
    settings.SITE_URL = "http://testserver"
    html = client_for(cast.facilitator).get(url("form", open_form.pk)).content.decode()
    for address in (f"/f/{open_form.token}/", f"/f/{open_form.token}/kiosk/"):
        full = f"http://testserver{address}"
        assert f'<a href="{full}">{full}</a>' in html
        assert re.search(rf'value="{re.escape(full)}" readonly', html)
    assert html.count("data-copy=") == 2
    assert "js/feedback-builder.js" in html
