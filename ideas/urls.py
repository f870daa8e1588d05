from django.urls import path

from ideas.views import actions, board, from_feedback, idea, matrix, notifications

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
    path(P + "matrix/", matrix.matrix, name="matrix"),
    path(I + "score/", matrix.score, name="score"),
    path(P + "actions/", actions.action_plan, name="action_plan"),
    path(P + "actions/new/", actions.action_add, name="action_add"),
    path(P + "benefits/", actions.benefits_page, name="benefits"),
    path(P + "ideas/export.<str:fmt>", actions.export, name="export"),
    path(A + "edit/", actions.action_edit, name="action_edit"),
    path(A + "status/", actions.action_status, name="action_status"),
    path(A + "delete/", actions.action_delete, name="action_delete"),
    path("o/<slug:org_slug>/my-actions/", actions.my_actions, name="my_actions"),
    path(
        "o/<slug:org_slug>/answers/<int:answer_id>/idea/",
        from_feedback.from_answer,
        name="from_answer",
    ),
    # --- notification settings (views/notifications.py)
    path(
        "account/notifications/",
        notifications.notification_settings,
        name="notifications",
    ),
]
