"""A form with one question of each kind that has results, and a way to answer it."""

from datetime import date

from feedback.models import Answer, Response
from projects.models import ProjectRole
from tests.factories import FormFactory, QuestionFactory, TeamMemberFactory

OPTIONS = [{"nb": "Ja"}, {"nb": "Delvis"}, {"nb": "Nei"}]
CHANNELS = [{"nb": "Telefon"}, {"nb": "E-post"}, {"nb": "Oppmøte"}]


def results_form(project, **fields):
    form = FormFactory(project=project, title="Byggesak 2026", **fields)
    questions = {
        "score": QuestionFactory(form=form, kind="satisfaction", text="Hvor fornøyd er du?"),
        "helped": QuestionFactory(form=form, kind="yes_no", text="Fikk du svar?"),
        "single": QuestionFactory(form=form, kind="single", text="Fikk du hjelp?", options=OPTIONS),
        "multiple": QuestionFactory(
            form=form, kind="multiple", text="Hvordan tok du kontakt?", options=CHANNELS
        ),
        "text": QuestionFactory(form=form, kind="what_matters", text="Hva er viktig for deg?"),
    }
    return form, questions


def respond(form, questions, on=date(2026, 3, 2), language="nb", **values):
    """One response with the answers given by key: score=4, helped=1,
    single=0, multiple=[0, 2], text="…"."""
    response = Response.objects.create(form=form, submitted_on=on, language=language)
    for key, value in values.items():
        question = questions[key]
        if key == "multiple":
            Answer.objects.create(response=response, question=question, choices=value)
        elif key == "text":
            Answer.objects.create(response=response, question=question, text=value)
        else:
            Answer.objects.create(response=response, question=question, number=value)
    return response


def on_team(project, user, role=ProjectRole.MEMBER):
    TeamMemberFactory(project=project, user=user, role=role)
    return user
