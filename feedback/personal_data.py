"""What feedback forms keep about a member (declared on FeedbackConfig).

Residents' answers are anonymous and are nobody's personal data here; the
e-mail addresses of residents who asked to be contacted belong to no account
and are deleted by the team. For members: the forms they created, kept as
the project's record and shown as by a former member once they are gone.
"""

from accounts.personal_data import Entry
from feedback.models import Form


def _export_forms(user):
    return [
        {"project": project, "form": title, "created": created}
        for project, title, created in Form.objects.filter(created_by=user).values_list(
            "project__title", "title", "created_at"
        )
    ]


def entries() -> list[Entry]:
    return [Entry(Form, "feedback_forms_created", _export_forms)]
