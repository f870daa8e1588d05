"""What ideas keep about a person (declared on IdeasConfig).

Ideas proposed, comments written and actions owned are the project's record
of the work: they stay when the account is deleted and read as by a former
member. Votes are the person's own choice and go with the account.
"""

from accounts.personal_data import Entry
from ideas.models import Action, Comment, Idea, NotificationSettings, StageChange, Vote


def _rows(model, field, *values):
    def export(user):
        return [
            dict(zip(values, row, strict=True))
            for row in model.objects.filter(**{field: user}).values_list(*values)
        ]

    return export


def _erase_votes(user):
    Vote.objects.filter(user=user).delete()


def _erase_notification_settings(user):
    NotificationSettings.objects.filter(user=user).delete()


def entries() -> list[Entry]:
    return [
        Entry(
            Idea,
            "ideas_proposed",
            _rows(Idea, "proposed_by", "project__title", "title", "created_at"),
        ),
        Entry(Idea, "ideas_owned", _rows(Idea, "owner", "project__title", "title", "stage")),
        Entry(
            StageChange,
            "idea_stage_changes",
            _rows(StageChange, "by", "idea__title", "from_stage", "to_stage", "at"),
        ),
        Entry(
            Comment, "idea_comments", _rows(Comment, "author", "idea__title", "text", "created_at")
        ),
        Entry(
            Vote, "idea_votes", _rows(Vote, "user", "idea__title", "created_at"), erase=_erase_votes
        ),
        Entry(
            Action,
            "actions_owned",
            _rows(Action, "owner", "project__title", "what", "due_date", "status"),
        ),
        Entry(Action, "actions_created", _rows(Action, "created_by", "project__title", "what")),
        Entry(
            NotificationSettings,
            "idea_notification_settings",
            _rows(
                NotificationSettings,
                "user",
                "stage_changes",
                "assignments",
                "weekly_digest",
                "language",
            ),
            erase=_erase_notification_settings,
        ),
    ]
