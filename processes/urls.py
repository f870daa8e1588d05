from django.urls import path

from processes.views import board, maps

app_name = "processes"

#: Pages of a project's maps, and of one map, one swimlane, step or note.
P = "o/<slug:org_slug>/projects/<int:project_id>/maps/"
M = "o/<slug:org_slug>/maps/<int:map_id>/"
L = "o/<slug:org_slug>/lanes/<int:lane_id>/"
S = "o/<slug:org_slug>/steps/<int:step_id>/"
N = "o/<slug:org_slug>/notes/<int:note_id>/"

urlpatterns = [
    # --- maps: list, start, settings, delete (views/maps.py)
    path(P, maps.maps, name="maps"),
    path(P + "new/", maps.create, name="create"),
    path(P + "current/", maps.current_map, name="current_map"),
    path(P + "future/", maps.future_map, name="future_map"),
    path(M + "settings/", maps.edit, name="edit"),
    path(M + "delete/", maps.delete, name="delete"),
    # --- board: the editor, lanes, steps, moves, undo, polling (views/board.py)
    path(M, board.board, name="board"),
    # --- notes and analysis (views/notes.py, views/analysis.py)
    # --- future state and compare, SVG (views/compare.py)
    # --- import and export (views/transfer.py)
]
