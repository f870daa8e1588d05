from django.urls import path

from ideas.views import board, idea, notifications

app_name = "ideas"

#: A project's ideas, matrix and action plan; one idea, comment or action.
P = "o/<slug:org_slug>/projects/<int:project_id>/"
I = "o/<slug:org_slug>/ideas/<int:idea_id>/"  # noqa: E741
C = "o/<slug:org_slug>/comments/<int:comment_id>/"
A = "o/<slug:org_slug>/actions/<int:action_id>/"

urlpatterns = [
    # --- capture, board, idea detail, comments, votes (views/board.py, views/idea.py)
    path(P + "ideas/new/", board.capture, name="capture"),
    path(P + "ideas/", board.board, name="board"),
    path("o/<slug:org_slug>/my-ideas/", board.mine, name="mine"),
    path(I, idea.idea, name="idea"),
    path(I + "edit/", idea.idea_edit, name="idea_edit"),
    path(I + "move/", board.move, name="move"),
    path(I + "vote/", idea.vote, name="vote"),
    path(I + "comments/", idea.comment_add, name="comment_add"),
    path(C + "delete/", idea.comment_delete, name="comment_delete"),
    # --- matrix, action plan, exports, from feedback (views/matrix.py, views/actions.py)
    # --- notification settings (views/notifications.py)
    path(
        "account/notifications/",
        notifications.notification_settings,
        name="notifications",
    ),
]
