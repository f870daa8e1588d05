"""The builder after a first user test: the address residents are sent to,
texts in three languages kept in step, and the wording of the builder."""

import re
import shutil
import subprocess

import pytest
from django.conf import settings as django_settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext, pgettext

from feedback.models import Form, FormStatus
from feedback.templates import SERVICE_SURVEY
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


# --- 2. Texts in three languages ---------------------------------------------------------------


def _create(client, project, **data):
    page = client.get(url("form_create", project.pk)).content.decode()
    once = re.search(r'name="once" value="([^"]+)"', page).group(1)
    return client.post(url("form_create", project.pk), {"once": once, **data})


def test_the_service_word_is_asked_for_in_each_language(client_for, cast, project):
    client = client_for(cast.facilitator)
    html = client.get(url("form_create", project.pk)).content.decode()
    assert 'name="service_nn"' in html and 'name="service_en"' in html
    _create(
        client,
        project,
        template="service_survey",
        service="byggetillatelse",
        service_nn="byggjeløyve",
        service_en="a building permit",
    )
    form = Form.objects.get()
    assert "søkte om byggetillatelse" in form.intro
    assert "søkte om byggjeløyve" in form.intro_nn
    assert "applied for a building permit" in form.intro_en
    assert "byggetillatelse" not in form.intro_nn + form.intro_en


def test_a_title_of_ones_own_replaces_the_templates_in_every_language(client_for, cast, project):
    client = client_for(cast.facilitator)
    _create(client, project, template="service_survey", title="Byggesak 2026")
    form = Form.objects.get()
    assert (form.title, form.title_nn, form.title_en) == ("Byggesak 2026", "", "")
    assert form.languages() == ["nb"]
    _create(
        client,
        project,
        template="service_survey",
        title="Byggesak 2027",
        title_nn="Byggjesak 2027",
    )
    form = Form.objects.get(title="Byggesak 2027")
    assert (form.title_nn, form.title_en) == ("Byggjesak 2027", "")
    # The template's own title keeps its translations.
    _create(client, project, template="service_survey")
    form = Form.objects.latest("pk")
    assert form.title_nn == SERVICE_SURVEY.title["nn"]


def nb(msgid):
    with translation.override("nb"):
        return gettext(msgid)


BOTH = (
    "You changed the bokmål text but not the nynorsk and English texts: "
    "remember to update them too."
)
NN = "You changed the bokmål text but not the nynorsk text: remember to update it too."
EN = "You changed the bokmål text but not the English text: remember to update it too."


def _warnings(response) -> list[str]:
    return [str(m) for m in response.context["messages"]]


def test_changing_only_the_bokmal_question_warns_of_the_other_languages(
    client_for, cast, open_form
):
    client = client_for(cast.facilitator)
    question = open_form.questions.get()
    question.text_nn, question.text_en = "Kor nøgd er du?", "How satisfied are you?"
    question.save()
    data = {"kind": question.kind, "text_nn": question.text_nn, "text_en": question.text_en}
    changed = client.post(
        url("question_edit", question.pk), {**data, "text": "Hvor fornøyd var du?"}, follow=True
    )
    assert nb(BOTH) in _warnings(changed)
    both = client.post(
        url("question_edit", question.pk),
        {**data, "text": "Hvor fornøyd ble du?", "text_nn": "Kor nøgd vart du?"},
        follow=True,
    )
    assert nb(EN) in _warnings(both)
    unchanged = client.post(
        url("question_edit", question.pk),
        {**data, "text": "Hvor fornøyd ble du?", "text_nn": "Kor nøgd vart du?"},
        follow=True,
    )
    assert not {nb(BOTH), nb(NN), nb(EN)} & set(_warnings(unchanged))


def test_changing_only_the_bokmal_title_warns_of_nynorsk(client_for, cast, open_form):
    client = client_for(cast.facilitator)
    open_form.title_nn = "Byggjesak"
    open_form.save()
    data = {"title_nn": "Byggjesak", "retention_days": "365"}
    response = client.post(url("form_edit", open_form.pk), {**data, "title": "Ny"}, follow=True)
    assert nb(NN) in _warnings(response)


# --- 10. Wording ------------------------------------------------------------------------------


def test_the_status_badge_names_the_forms_state_not_an_action(client_for, cast, open_form):
    html = client_for(cast.facilitator).get(url("form", open_form.pk)).content.decode()
    with translation.override("nb"):
        state = pgettext("form status", "Open")
    assert f'tag--form-open">{state}</span>' in html


def test_the_new_form_page_names_who_publishes(client_for, cast, project):
    html = client_for(cast.facilitator).get(url("form_create", project.pk)).content.decode()
    assert (
        nb(
            "Start from a K-LEAN template and adjust it, or build the form from scratch. The form "
            "stays a draft until the process owner or the process facilitator publishes it."
        )
        in html
    )


def test_the_question_page_starts_with_a_kind_and_names_free_text(client_for, cast, open_form):
    client = client_for(cast.facilitator)
    html = client.get(url("question_add", open_form.pk)).content.decode()
    select = re.search(r'<select name="kind".*?</select>', html, re.S).group(0)
    assert 'value=""' not in select and "---------" not in select
    assert nb("What matters to you? (free text)") in select
    assert 'data-choice-kinds="multiple single"' in select
    assert "js/feedback-builder.js" in html
    response = client.post(
        url("question_add", open_form.pk), {"kind": "single", "text": "Fikk du hjelp?"}
    )
    assert nb("Give at least two options, one per line.") in response.content.decode()


def test_an_answered_question_keeps_its_kind_and_offers_no_delete(client_for, cast, open_form):
    from tests.factories import AnswerFactory

    question = open_form.questions.get()
    client = client_for(cast.facilitator)
    delete = url("question_delete", question.pk)
    assert delete in client.get(url("form", open_form.pk)).content.decode()
    AnswerFactory(question=question, number=4)
    assert delete not in client.get(url("form", open_form.pk)).content.decode()
    html = client.get(url("question_edit", question.pk)).content.decode()
    select = re.search(r"<select[^>]*name=\"kind\"[^>]*>", html).group(0)
    assert "disabled" in select
    # Posting another kind anyway changes nothing.
    client.post(url("question_edit", question.pk), {"kind": "yes_no", "text": "Ny tekst"})
    question.refresh_from_db()
    assert question.kind == "satisfaction" and question.text == "Ny tekst"
