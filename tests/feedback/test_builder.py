"""The form builder: a project's forms, creating one from a K-LEAN template,
editing its settings and questions, publishing, closing and deleting it."""

import base64
import re
import shutil
import subprocess
from pathlib import Path

import hypothesis
import pytest
from django.urls import reverse
from django.utils import translation
from hypothesis import strategies as st

from accounts.models import Role
from feedback import services
from feedback.builder_forms import CreateForm
from feedback.models import MAX_OPTIONS, MAX_QUESTIONS, Form, FormStatus, Question, new_token
from feedback.templates import SERVICE_SURVEY, STAFF_INTERVIEW
from processes.models import MapKind
from projects.models import ProjectRole
from tests.conftest import skip_or_fail
from tests.factories import (
    AnswerFactory,
    ContactRequestFactory,
    FormFactory,
    LaneFactory,
    MembershipFactory,
    ProcessMapFactory,
    ProjectFactory,
    QuestionFactory,
    ResponseFactory,
    StepFactory,
    TeamMemberFactory,
)


@pytest.fixture
def member(cast, project):
    """An employee on the team: contributes, but does not manage the project."""
    TeamMemberFactory(project=project, user=cast.employee, role=ProjectRole.MEMBER)
    return cast.employee


@pytest.fixture
def observer(cast, project):
    person = MembershipFactory(organisation=cast.organisation, role=Role.EMPLOYEE).user
    TeamMemberFactory(project=project, user=person, role=ProjectRole.OBSERVER)
    return person


@pytest.fixture
def draft(project):
    form = FormFactory(project=project, status=FormStatus.DRAFT, title="Brukerundersøkelse")
    for order, text in enumerate(["Hvor fornøyd er du?", "Fikk du svar?", "Hva var viktigst?"]):
        QuestionFactory(form=form, order=order + 1, text=text)
    return form


def url(name, *args, org="eksempel"):
    return reverse(f"feedback:{name}", args=[org, *args])


def once_from(response) -> str:
    return re.search(r'name="once" value="([^"]+)"', response.content.decode()).group(1)


def question_data(**overrides):
    return {
        "kind": "satisfaction",
        "text": "Hvor fornøyd var du med svaret du fikk?",
        "required": "on",
        **overrides,
    }


def errors_of(response) -> str:
    assert response.status_code == 200, response.status_code
    html = response.content.decode()
    assert 'class="error-summary"' in html
    return html


# --- The project's forms ---------------------------------------------------------------------


def test_the_project_lists_its_forms_with_status_and_answer_count(client_for, cast, project):
    open_form = FormFactory(project=project, title="Byggesak", status=FormStatus.OPEN)
    question = QuestionFactory(form=open_form)
    for _ in range(3):
        AnswerFactory(question=question)
    FormFactory(project=project, title="Fokusintervju", status=FormStatus.DRAFT)
    FormFactory(title="Another project's form")
    response = client_for(cast.facilitator).get(url("forms", project.pk))
    html = response.content.decode()
    assert "Byggesak" in html and "Fokusintervju" in html
    assert "Another project" not in html
    assert 'tag--form-open">Åpent' in html or 'tag--form-open">' in html
    assert re.search(r'data-label="[^"]*"><a href="[^"]*">3<span', html)
    assert url("form_create", project.pk) in html


def test_an_observer_reads_the_forms_but_is_not_offered_to_create_one(
    client_for, observer, project, draft
):
    client = client_for(observer)
    html = client.get(url("forms", project.pk)).content.decode()
    assert draft.title in html
    assert url("form_create", project.pk) not in html
    builder = client.get(url("form", draft.pk)).content.decode()
    assert url("question_add", draft.pk) not in builder
    assert url("form_publish", draft.pk) not in builder
    assert client.get(url("form_create", project.pk)).status_code == 403
    assert client.post(url("question_add", draft.pk), question_data()).status_code == 403


def test_the_project_navigation_and_the_phase_checklist_lead_to_the_forms(
    client_for, cast, project
):
    client = client_for(cast.facilitator)
    forms_url = url("forms", project.pk)
    overview = client.get(project.get_absolute_url()).content.decode()
    assert f'href="{forms_url}"' in overview
    assert f'href="{forms_url}"' in client.get(project.url("phases")).content.decode()
    page = client.get(forms_url).content.decode()
    assert f'href="{forms_url}" aria-current="page"' in page


# --- Creating a form -------------------------------------------------------------------------


def test_a_form_is_created_from_the_service_survey_template(client_for, cast, project):
    client = client_for(cast.facilitator)
    page = client.get(url("form_create", project.pk))
    response = client.post(
        url("form_create", project.pk),
        {"template": "service_survey", "service": "byggetillatelse", "once": once_from(page)},
    )
    form = Form.objects.get()
    assert response.status_code == 302 and response["Location"] == url("form", form.pk)
    assert form.project == project and form.status == FormStatus.DRAFT
    assert form.created_by == cast.facilitator
    assert form.title == SERVICE_SURVEY.title["nb"] and form.title_nn and form.title_en
    assert "søkte om byggetillatelse" in form.intro
    # The bokmål word is never put into the nynorsk or English text.
    assert "byggetillatelse" not in form.intro_nn + form.intro_en
    assert "søkte om ei teneste hos oss" in form.intro_nn
    kinds = list(form.questions.values_list("kind", flat=True))
    assert kinds == ["satisfaction", "yes_no", "single", "what_matters", "long_text"]
    told = form.questions.get(kind="yes_no")
    assert told.text == "Fikk du vite hvor saken din sto mens du ventet?"
    assert told.text_nn == "Fekk du vite kvar saka di stod medan du venta?"
    choice = form.questions.get(kind="single")
    assert all({"nb", "nn", "en"} <= set(option) for option in choice.options)
    assert project.activities.filter(kind="feedback.form_created").count() == 1


def test_every_template_question_fits_the_model(db):
    for template in (SERVICE_SURVEY, STAFF_INTERVIEW):
        for row in template.question_fields("x" * 60):
            Question(form=Form(), **row).full_clean(exclude=["form", "step"])
        Form(**template.form_fields("x" * 60)).full_clean(exclude=["project", "created_by"])


def test_the_staff_focus_interview_has_its_own_title_and_a_blank_form_needs_one(
    client_for, cast, project
):
    client = client_for(cast.facilitator)
    once = once_from(client.get(url("form_create", project.pk)))
    client.post(url("form_create", project.pk), {"template": "staff_interview", "once": once})
    assert Form.objects.get().title == "Fokusintervju med ansatte"
    once = once_from(client.get(url("form_create", project.pk)))
    html = errors_of(
        client.post(url("form_create", project.pk), {"template": "blank", "once": once})
    )
    assert "title" in html.lower() or "tittel" in html.lower()
    assert Form.objects.count() == 1
    client.post(
        url("form_create", project.pk), {"template": "blank", "title": "Tomt", "once": once}
    )
    blank = Form.objects.get(title="Tomt")
    assert not blank.questions.exists()


def test_a_double_click_on_create_makes_one_form(client_for, cast, project):
    client = client_for(cast.facilitator)
    data = {
        "template": "service_survey",
        "once": once_from(client.get(url("form_create", project.pk))),
    }
    first = client.post(url("form_create", project.pk), data)
    second = client.post(url("form_create", project.pk), data)
    form = Form.objects.get()
    assert first["Location"] == second["Location"] == url("form", form.pk)
    assert form.questions.count() == 5


def test_two_pages_make_two_forms(client_for, cast, project):
    client = client_for(cast.facilitator)
    for _ in range(2):
        once = once_from(client.get(url("form_create", project.pk)))
        client.post(url("form_create", project.pk), {"template": "service_survey", "once": once})
    assert Form.objects.count() == 2


@pytest.mark.parametrize("once", ["", "forged", "a" * 5000])
def test_a_forged_or_missing_page_token_makes_no_form(client_for, cast, project, once):
    response = client_for(cast.facilitator).post(
        url("form_create", project.pk), {"template": "service_survey", "once": once}
    )
    errors_of(response)
    assert not Form.objects.exists()
    assert 'name="once" value="' in response.content.decode()


def test_a_page_shown_for_one_project_cannot_make_a_form_in_another(client_for, cast, project):
    other = ProjectFactory(organisation=cast.organisation)
    TeamMemberFactory(project=other, user=cast.facilitator, role=ProjectRole.FACILITATOR)
    client = client_for(cast.facilitator)
    once = once_from(client.get(url("form_create", other.pk)))
    errors_of(
        client.post(url("form_create", project.pk), {"template": "service_survey", "once": once})
    )
    assert not Form.objects.exists()


def test_the_public_token_is_unguessable():
    tokens = {new_token() for _ in range(1000)}
    assert len(tokens) == 1000
    for token in list(tokens)[:50]:
        assert len(token) >= 22
        assert len(base64.urlsafe_b64decode(token + "==")) * 8 >= 128
    # Every position takes many values: no fixed prefix or counter.
    assert all(len({token[i] for token in tokens}) > 30 for i in range(21))


def test_a_created_form_gets_the_token_the_page_was_signed_with(cast, project):
    create = CreateForm(project=project)
    data = {"template": "blank", "title": "T", "once": create.initial["once"]}
    bound = CreateForm(data, project=project)
    assert bound.is_valid()
    token = bound.cleaned_data["once"]
    assert len(token) == 22 and token != create.initial["once"]


# --- The builder -----------------------------------------------------------------------------


def test_the_builder_always_warns_against_asking_for_personal_data(client_for, cast, draft):
    html = client_for(cast.facilitator).get(url("form", draft.pk)).content.decode()
    assert 'id="personal-data-warning"' in html
    assert "question__warning" not in html


@pytest.mark.parametrize(
    "text",
    [
        "Hva er navnet ditt?",
        "Skriv fødselsnummeret ditt",
        "Hvilken adresse bor du på?",
        "Hva er telefonnummeret ditt?",
        "Kva er namnet ditt?",
        "Oppgi personnummer",
    ],
)
def test_a_question_asking_for_personal_data_is_flagged(client_for, cast, draft, text):
    QuestionFactory(form=draft, text=text)
    html = client_for(cast.facilitator).get(url("form", draft.pk)).content.decode()
    assert "question__warning" in html


def test_the_builder_shows_the_public_and_kiosk_addresses(client_for, cast, draft, settings):
    html = client_for(cast.facilitator).get(url("form", draft.pk)).content.decode()
    assert f"{settings.SITE_URL}/f/{draft.token}/" in html
    assert f"{settings.SITE_URL}/f/{draft.token}/kiosk/" in html
    assert url("poster", draft.pk) in html


def test_the_public_path_is_the_short_address(draft):
    assert services.public_path(draft) == f"/f/{draft.token}/"
    assert services.public_path(draft, kiosk=True) == f"/f/{draft.token}/kiosk/"


def test_settings_are_saved_in_three_languages(client_for, member, draft):
    response = client_for(member).post(
        url("form_edit", draft.pk),
        {
            "title": "Byggesaken din",
            "title_nn": "Byggjesaka di",
            "title_en": "Your building case",
            "intro": "Tenk på siste gang.",
            "intro_nn": "Tenk på siste gong.",
            "offer_contact": "on",
            "retention_days": "180",
        },
    )
    assert response.status_code == 302
    draft.refresh_from_db()
    assert (draft.title_nn, draft.title_en, draft.retention_days) == (
        "Byggjesaka di",
        "Your building case",
        180,
    )
    assert draft.offer_contact and draft.languages() == ["nb", "nn", "en"]


@pytest.mark.parametrize(
    "field,value",
    [
        ("title", ""),
        ("title", "x" * 121),
        ("intro", "x" * 1001),
        ("retention_days", "0"),
        ("retention_days", "3651"),
        ("retention_days", "ett år"),
        ("title", "nul\x00byte"),
    ],
)
def test_bad_settings_are_refused_by_name(client_for, cast, draft, field, value):
    data = {"title": "Byggesaken din", "retention_days": "365", field: value}
    errors_of(client_for(cast.facilitator).post(url("form_edit", draft.pk), data))
    draft.refresh_from_db()
    assert draft.title == "Brukerundersøkelse" and draft.retention_days == 365


# --- Questions -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "kind", ["what_matters", "satisfaction", "yes_no", "short_text", "long_text"]
)
def test_every_kind_of_question_can_be_added(client_for, member, draft, kind):
    response = client_for(member).post(
        url("question_add", draft.pk), question_data(kind=kind, text_nn="Kva?", help="Hjelp")
    )
    question = draft.questions.order_by("order").last()
    assert response["Location"] == f"{url('form', draft.pk)}#question-{question.pk}"
    assert (question.kind, question.order, question.required) == (kind, 4, True)
    assert question.text_nn == "Kva?" and question.help == "Hjelp"
    assert question.options == []


@pytest.mark.parametrize("kind", ["single", "multiple"])
def test_a_choice_question_takes_options_one_per_line_in_three_languages(
    client_for, member, draft, kind
):
    client_for(member).post(
        url("question_add", draft.pk),
        question_data(
            kind=kind,
            text="Hvordan tok du kontakt?",
            options_nb="På telefon\n\n  På e-post \nVed oppmøte",
            options_nn="På telefon\nPå e-post\nVed oppmøte",
            options_en="By phone\nBy e-mail\nIn person",
        ),
    )
    question = draft.questions.get(text="Hvordan tok du kontakt?")
    assert question.options == [
        {"nb": "På telefon", "nn": "På telefon", "en": "By phone"},
        {"nb": "På e-post", "nn": "På e-post", "en": "By e-mail"},
        {"nb": "Ved oppmøte", "nn": "Ved oppmøte", "en": "In person"},
    ]
    assert question.option_labels("en")[2] == "In person"


def test_options_of_a_question_that_is_not_a_choice_are_dropped(client_for, member, draft):
    client_for(member).post(
        url("question_add", draft.pk), question_data(kind="yes_no", options_nb="A\nB")
    )
    assert draft.questions.order_by("order").last().options == []


@pytest.mark.parametrize(
    "data",
    [
        question_data(text=""),
        question_data(text="   "),
        question_data(text="x" * 301),
        question_data(help="x" * 301),
        question_data(kind="slider"),
        question_data(text="nul\x00byte"),
        question_data(kind="single", options_nb="Bare ett valg"),
        question_data(kind="single", options_nb=""),
        question_data(
            kind="multiple", options_nb="\n".join(f"Valg {n}" for n in range(MAX_OPTIONS + 1))
        ),
        question_data(kind="single", options_nb="Ja\n" + "x" * 101),
        question_data(kind="single", options_nb="Ja\nja"),
        question_data(kind="single", options_nb="Ja\nNei", options_nn="Ja"),
        question_data(kind="single", options_nb="a\nb", options_en="a\nb\nc"),
        question_data(kind="single", options_nb="a\n" * 5000),
    ],
    ids=[
        "empty",
        "blank",
        "long-text",
        "long-help",
        "unknown-kind",
        "nul-byte",
        "one-option",
        "no-options",
        "too-many-options",
        "long-option",
        "same-option-twice",
        "nynorsk-count",
        "english-count",
        "huge-options",
    ],
)
def test_a_bad_question_is_refused_with_a_message(client_for, member, draft, data):
    errors_of(client_for(member).post(url("question_add", draft.pk), data))
    assert draft.questions.count() == 3


def test_a_form_takes_at_most_the_maximum_number_of_questions(client_for, member, draft):
    for _ in range(MAX_QUESTIONS - 3):
        QuestionFactory(form=draft)
    html = errors_of(client_for(member).post(url("question_add", draft.pk), question_data()))
    assert str(MAX_QUESTIONS) in html
    assert draft.questions.count() == MAX_QUESTIONS


def test_save_and_add_another_comes_back_to_an_empty_question(client_for, member, draft):
    response = client_for(member).post(
        url("question_add", draft.pk), {**question_data(), "another": "1"}
    )
    assert response["Location"] == url("question_add", draft.pk)


def test_saving_a_question_that_asks_for_personal_data_warns(client_for, member, draft):
    response = client_for(member).post(
        url("question_add", draft.pk),
        question_data(kind="short_text", text="Hva er navnet og adressen din?"),
        follow=True,
    )
    html = response.content.decode()
    assert "message--warning" in html and "navn" in html and "adresse" in html
    assert draft.questions.count() == 4  # a warning, not a refusal


def current_step(project, **kwargs):
    process_map = ProcessMapFactory(project=project, kind=MapKind.CURRENT)
    return StepFactory(map=process_map, lane=LaneFactory(map=process_map), **kwargs)


def test_a_question_links_to_a_step_of_the_current_map(client_for, member, project, draft):
    step = current_step(project, title="Registrere søknad")
    client = client_for(member)
    page = client.get(url("question_add", draft.pk)).content.decode()
    assert "Registrere søknad" in page
    client.post(url("question_add", draft.pk), question_data(step=step.pk))
    question = draft.questions.order_by("order").last()
    assert question.step == step
    assert "Registrere søknad" in client.get(url("form", draft.pk)).content.decode()


def test_a_step_of_another_project_or_of_a_future_map_is_refused(
    client_for, member, project, draft
):
    elsewhere = current_step(ProjectFactory(organisation=project.organisation))
    future_map = ProcessMapFactory(project=project, kind=MapKind.FUTURE, name="Ønsket")
    future = StepFactory(map=future_map, lane=LaneFactory(map=future_map))
    client = client_for(member)
    for step in (elsewhere, future):
        errors_of(client.post(url("question_add", draft.pk), question_data(step=step.pk)))
    errors_of(client.post(url("question_add", draft.pk), question_data(step="nonsense")))
    assert draft.questions.count() == 3


def test_a_question_is_edited(client_for, member, draft):
    question = draft.questions.first()
    client = client_for(member)
    assert question.text in client.get(url("question_edit", question.pk)).content.decode()
    response = client.post(
        url("question_edit", question.pk),
        question_data(kind="single", text="Nytt spørsmål", options_nb="A\nB"),
    )
    assert response.status_code == 302
    question.refresh_from_db()
    assert (question.kind, question.text, question.option_labels("nb")) == (
        "single",
        "Nytt spørsmål",
        ["A", "B"],
    )


def test_the_edit_page_shows_the_options_one_per_line(client_for, member, draft):
    question = QuestionFactory(
        form=draft, kind="single", options=[{"nb": "Ja", "nn": "Ja"}, {"nb": "Nei", "nn": "Nei"}]
    )
    html = client_for(member).get(url("question_edit", question.pk)).content.decode()
    assert re.search(r'name="options_nb"[^>]*>\s*Ja\nNei</textarea>', html)
    assert re.search(r'name="options_nn"[^>]*>\s*Ja\nNei</textarea>', html)


def answered_choice(draft):
    question = QuestionFactory(
        form=draft,
        kind="single",
        text="Hva var vanskeligst?",
        options=[{"nb": "A"}, {"nb": "B"}, {"nb": "C"}],
    )
    AnswerFactory(question=question, number=1)
    return question


def test_the_wording_of_an_answered_question_can_be_fixed(client_for, member, draft):
    question = answered_choice(draft)
    client = client_for(member)
    html = client.get(url("question_edit", question.pk)).content.decode()
    assert "1" in html and "message" in html
    response = client.post(
        url("question_edit", question.pk),
        question_data(
            kind="single", text="Hva var vanskeligst for deg?", options_nb="Aa\nBb\nCc\nD"
        ),
    )
    assert response.status_code == 302
    question.refresh_from_db()
    assert question.text == "Hva var vanskeligst for deg?"
    assert question.option_labels("nb") == ["Aa", "Bb", "Cc", "D"]


@pytest.mark.parametrize(
    "data",
    [
        question_data(kind="multiple", text="Hva var vanskeligst?", options_nb="A\nB"),
        question_data(kind="short_text", text="Hva var vanskeligst?"),
        question_data(kind="single", text="Hva var vanskeligst?", options_nb="A\nB"),
    ],
    ids=["other-choice-kind", "free-text", "option-taken-away"],
)
def test_an_answered_question_keeps_its_kind_and_options(client_for, member, draft, data):
    question = answered_choice(draft)
    html = errors_of(client_for(member).post(url("question_edit", question.pk), data))
    assert "answer" in html.lower() or "svar" in html.lower()
    question.refresh_from_db()
    assert question.kind == "single" and question.option_labels("nb") == ["A", "B", "C"]


def test_questions_move_up_and_down(client_for, member, draft):
    first, second, third = draft.questions.order_by("order")
    client = client_for(member)
    response = client.post(url("question_move", third.pk), {"direction": "up"})
    assert response["Location"] == f"{url('form', draft.pk)}#question-{third.pk}"
    assert list(draft.questions.order_by("order")) == [first, third, second]
    client.post(url("question_move", first.pk), {"direction": "down"})
    assert list(draft.questions.order_by("order")) == [third, first, second]
    assert list(draft.questions.order_by("order").values_list("order", flat=True)) == [1, 2, 3]
    # Already first: nothing moves.
    client.post(url("question_move", third.pk), {"direction": "up"})
    assert list(draft.questions.order_by("order")) == [third, first, second]


def test_moving_with_htmx_returns_the_questions_with_focus_on_the_same_button(
    client_for, member, draft
):
    second = draft.questions.order_by("order")[1]
    response = client_for(member).post(
        url("question_move", second.pk), {"direction": "up"}, headers={"HX-Request": "true"}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert html.lstrip().startswith('<section class="section" id="questions"')
    assert "<html" not in html
    # Now first, it has no "up" button: the focus stays on its "down" button.
    block = html.split(f'id="question-{second.pk}"')[1].split('id="question-')[0]
    assert re.search(r"autofocus>Move down|autofocus>Flytt ned", block)


def test_a_bad_direction_moves_nothing(client_for, member, draft):
    before = list(draft.questions.order_by("order"))
    question = before[1]
    client = client_for(member)
    for direction in ("sideways", ""):
        response = client.post(url("question_move", question.pk), {"direction": direction})
        assert response.status_code == 302
    assert list(draft.questions.order_by("order")) == before


def test_a_question_is_deleted_after_confirmation(client_for, member, draft):
    question = draft.questions.first()
    client = client_for(member)
    page = client.get(url("question_delete", question.pk))
    assert question.text in page.content.decode() and draft.questions.count() == 3
    client.post(url("question_delete", question.pk))
    assert not Question.objects.filter(pk=question.pk).exists()


def test_a_question_with_answers_is_not_deleted(client_for, member, draft):
    question = answered_choice(draft)
    client = client_for(member)
    page = client.get(url("question_delete", question.pk)).content.decode()
    assert 'method="post"' not in page.split("<main")[1]
    response = client.post(url("question_delete", question.pk), follow=True)
    assert "message--error" in response.content.decode()
    assert Question.objects.filter(pk=question.pk).exists()


# --- Publishing ------------------------------------------------------------------------------


def test_a_manager_publishes_closes_and_reopens_the_form(client_for, cast, draft):
    client = client_for(cast.facilitator)
    assert client.post(url("form_publish", draft.pk)).status_code == 302
    draft.refresh_from_db()
    assert draft.status == FormStatus.OPEN and draft.opened_at
    html = client.get(url("form", draft.pk)).content.decode()
    assert f'href="{services.public_url(draft)}"' in html
    client.post(url("form_close", draft.pk))
    draft.refresh_from_db()
    assert draft.status == FormStatus.CLOSED and draft.closed_at
    client.post(url("form_publish", draft.pk))
    draft.refresh_from_db()
    assert draft.status == FormStatus.OPEN
    kinds = list(draft.project.activities.order_by("pk").values_list("kind", flat=True))
    assert kinds == ["feedback.form_published", "feedback.form_closed", "feedback.form_reopened"]


def test_a_member_edits_but_cannot_publish_close_or_delete(client_for, member, draft):
    client = client_for(member)
    html = client.get(url("form", draft.pk)).content.decode()
    assert url("question_add", draft.pk) in html
    assert url("form_publish", draft.pk) not in html
    assert url("form_delete", draft.pk) not in html
    for name in ("form_publish", "form_close", "form_delete"):
        assert client.post(url(name, draft.pk)).status_code == 403, name
    draft.refresh_from_db()
    assert draft.status == FormStatus.DRAFT


def test_a_form_without_questions_is_not_published(client_for, cast, project):
    empty = FormFactory(project=project, status=FormStatus.DRAFT)
    response = client_for(cast.facilitator).post(url("form_publish", empty.pk), follow=True)
    assert "message--error" in response.content.decode()
    empty.refresh_from_db()
    assert empty.status == FormStatus.DRAFT


def test_publishing_a_form_with_a_personal_data_question_warns(client_for, cast, draft):
    QuestionFactory(form=draft, text="Hva er telefonnummeret ditt?", kind="short_text")
    response = client_for(cast.facilitator).post(url("form_publish", draft.pk), follow=True)
    assert "message--warning" in response.content.decode()


def test_publishing_twice_writes_one_event(client_for, cast, draft):
    client = client_for(cast.facilitator)
    client.post(url("form_publish", draft.pk))
    client.post(url("form_publish", draft.pk))
    assert draft.project.activities.filter(kind="feedback.form_published").count() == 1


def test_deleting_a_form_says_how_many_answers_are_lost(client_for, cast, project, draft):
    question = draft.questions.first()
    for _ in range(7):
        AnswerFactory(question=question, response=ResponseFactory(form=draft))
    ContactRequestFactory(form=draft)
    client = client_for(cast.facilitator)
    page = client.get(url("form_delete", draft.pk)).content.decode()
    assert re.search(r"\b7\b", page)
    assert Form.objects.filter(pk=draft.pk).exists()
    response = client.post(url("form_delete", draft.pk))
    assert response["Location"] == url("forms", project.pk)
    assert not Form.objects.filter(pk=draft.pk).exists()
    event = project.activities.get(kind="feedback.form_deleted")
    assert event.data == {"form": "Brukerundersøkelse"}


@pytest.fixture
def compiled_catalogues(settings, tmp_path):
    """The bokmål catalogue compiled from locale/, as `make run` compiles it."""
    if not shutil.which("msgfmt"):
        skip_or_fail("GNU gettext (msgfmt) is not installed")
    for language in ("nb", "nn"):
        folder = tmp_path / language / "LC_MESSAGES"
        folder.mkdir(parents=True)
        source = Path(settings.LOCALE_PATHS[0]) / language / "LC_MESSAGES" / "django.po"
        subprocess.run(["msgfmt", "-o", folder / "django.mo", source], check=True)
    settings.LOCALE_PATHS = [tmp_path]


def test_publishing_closing_and_deleting_read_in_bokmal_on_the_activity_page(
    client_for, cast, project, draft, compiled_catalogues
):
    client = client_for(cast.facilitator)
    client.post(url("form_publish", draft.pk))
    client.post(url("form_close", draft.pk))
    client.post(url("form_delete", draft.pk))
    with translation.override("nb"):
        html = client.get(project.url("activity")).content.decode()
    name = cast.facilitator.display_name
    assert f"{name} åpnet tilbakemeldingsskjemaet «Brukerundersøkelse» for svar" in html
    assert f"{name} stengte tilbakemeldingsskjemaet «Brukerundersøkelse»" in html
    assert "slettet tilbakemeldingsskjemaet «Brukerundersøkelse»" in html


# --- Never a 500 -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name,data",
    [
        ("form_create", {"template": "nonsense", "once": "x"}),
        ("form_create", {"template": "service_survey", "title": "x" * 500, "once": "x"}),
        ("form_create", {"service": "\x00"}),
    ],
)
def test_bad_input_to_create_is_a_message_not_an_error(client_for, cast, project, name, data):
    errors_of(client_for(cast.facilitator).post(url(name, project.pk), data))
    assert not Form.objects.exists()


@pytest.fixture
def concurrent_db(transactional_db):
    from django.db import connection

    if connection.vendor != "postgresql":
        skip_or_fail("10 concurrent POSTs are tested against PostgreSQL (set DATABASE_URL)")


def test_ten_concurrent_creates_from_one_page_make_one_form(cast, project, concurrent_db):
    from tests.test_double_submits import post_at_once

    once = CreateForm(project=project).initial["once"]
    statuses = post_at_once(
        cast.facilitator,
        url("form_create", project.pk),
        {"template": "service_survey", "once": once},
    )
    assert statuses == [302] * len(statuses), statuses
    form = Form.objects.get()
    assert form.questions.count() == 5
    assert project.activities.filter(kind="feedback.form_created").count() == 1


# --- Fuzzed input (S4) --------------------------------------------------------------------------

BUILDER_FIELDS = [
    "template", "title", "service", "once", "title_nn", "title_en", "intro", "offer_contact",
    "retention_days", "kind", "text", "text_nn", "text_en", "help", "required", "options_nb",
    "options_nn", "options_en", "step", "direction", "another",
]  # fmt: skip
nasty = st.one_of(
    st.text(max_size=40),
    st.sampled_from(["\x00", "0", "-1", "9" * 30, "single", "multiple", "up", "<script>", "☃"]),
    st.text(min_size=3000, max_size=3000, alphabet="a\n"),
    st.integers().map(str),
)
FUZZ = hypothesis.settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[
        hypothesis.HealthCheck.function_scoped_fixture,
        hypothesis.HealthCheck.too_slow,
    ],
)


@FUZZ
@hypothesis.given(body=st.dictionaries(st.sampled_from(BUILDER_FIELDS), nasty, max_size=10))
def test_builder_posts_never_fail_or_half_save(client_for, cast, project, draft, body):
    from django.db import transaction

    client = client_for(cast.facilitator)
    question = draft.questions.first()
    for address in (
        url("form_create", project.pk),
        url("form_edit", draft.pk),
        url("question_add", draft.pk),
        url("question_edit", question.pk),
        url("question_move", question.pk),
    ):
        with transaction.atomic():
            before = (Form.objects.count(), Question.objects.count())
            response = client.post(address, body)
            assert response.status_code < 500, (address, body)
            if response.status_code != 302:
                assert (Form.objects.count(), Question.objects.count()) == before, address
            transaction.set_rollback(True)
