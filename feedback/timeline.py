"""The events feedback forms write to the project's timeline (declared on FeedbackConfig)."""

from django.utils.translation import gettext_lazy

from projects.timeline import Event

EVENTS = {
    "form_created": Event(gettext_lazy("{actor} created the feedback form «{form}»")),
    "form_published": Event(gettext_lazy("{actor} opened the feedback form «{form}» for answers")),
    "form_closed": Event(gettext_lazy("{actor} closed the feedback form «{form}»")),
    "form_reopened": Event(gettext_lazy("{actor} reopened the feedback form «{form}»")),
    "form_deleted": Event(gettext_lazy("{actor} deleted the feedback form «{form}»")),
    "answers_exported": Event(gettext_lazy("{actor} exported the answers to «{form}» ({format})")),
    "free_text_deleted": Event(
        gettext_lazy("Free-text answers to «{form}» older than {days} days were deleted")
    ),
}
