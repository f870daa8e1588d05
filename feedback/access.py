"""Who may build, publish and read feedback forms: the project's rules (``projects.access``).

Everyone who sees the project reads its forms and their results (answers are
anonymous, and small groups are suppressed); contributors build and edit
forms; the project's managers publish, close, export and delete them, and
read the e-mail addresses of residents who asked to be contacted. A form, a
question, an answer, a theme or a contact request is fetched through its
form's project in one query, with the viewer's place on the team: outsiders
404, too-low roles 403. Residents reach a form only through its public token
(``feedback.views.public``), never through these.
"""

from feedback.models import Answer, ContactRequest, Form, Question, Theme
from projects.access import below_project_view

READ = "view_project"
EDIT = "contribute"
MANAGE = "manage_project"


def form_view(permission: str = READ):
    """``/o/<org_slug>/forms/<form_id>/…``; the view receives the form."""
    return below_project_view(
        permission, Form.objects.all(), project="project", url_argument="form_id"
    )


def question_view(permission: str = EDIT):
    """``/o/<org_slug>/questions/<question_id>/…``; receives the question with its form."""
    return below_project_view(
        permission,
        Question.objects.select_related("form"),
        project="form__project",
        url_argument="question_id",
    )


def answer_view(permission: str = READ):
    """``/o/<org_slug>/answers/<answer_id>/…``; receives the answer with its question and form."""
    return below_project_view(
        permission,
        Answer.objects.select_related("question__form"),
        project="question__form__project",
        url_argument="answer_id",
    )


def theme_view(permission: str = EDIT):
    return below_project_view(
        permission,
        Theme.objects.select_related("form"),
        project="form__project",
        url_argument="theme_id",
    )


def contact_view(permission: str = MANAGE):
    return below_project_view(
        permission,
        ContactRequest.objects.select_related("form"),
        project="form__project",
        url_argument="contact_id",
    )
