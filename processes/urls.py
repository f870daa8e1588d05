from django.urls import path

from processes.views import board

app_name = "processes"

#: Pages of a project's maps, and of one map, one swimlane, step or note.
P = "o/<slug:org_slug>/projects/<int:project_id>/maps/"
M = "o/<slug:org_slug>/maps/<int:map_id>/"
L = "o/<slug:org_slug>/lanes/<int:lane_id>/"
S = "o/<slug:org_slug>/steps/<int:step_id>/"
N = "o/<slug:org_slug>/notes/<int:note_id>/"

urlpatterns = [
    # --- maps: list, start, settings, delete (views/maps.py)
    # --- board: the editor, lanes, steps, moves, undo, polling (views/board.py)
    path(M, board.board, name="board"),
    path(M + "version/", board.version, name="version"),
    path(M + "lanes/new/", board.lane_add, name="lane_add"),
    path(M + "steps/new/", board.step_add, name="step_add"),
    path(L + "edit/", board.lane_edit, name="lane_edit"),
    path(L + "move/", board.lane_move, name="lane_move"),
    path(L + "delete/", board.lane_delete, name="lane_delete"),
    path(L + "restore/", board.lane_restore, name="lane_restore"),
    path(S + "edit/", board.step_edit, name="step_edit"),
    path(S + "move/", board.step_move, name="step_move"),
    path(S + "delete/", board.step_delete, name="step_delete"),
    path(S + "restore/", board.step_restore, name="step_restore"),
    # --- notes and analysis (views/notes.py, views/analysis.py)
    # --- future state and compare, SVG (views/compare.py)
    # --- import and export (views/transfer.py)
]
