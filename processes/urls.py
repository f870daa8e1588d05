from django.urls import path

from processes.views import analysis, board, compare, maps, notes, transfer

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
    path(S, notes.step_page, name="step"),
    path(f"{S}notes/add/", notes.note_add, name="note_add"),
    path(f"{N}edit/", notes.note_edit, name="note_edit"),
    path(f"{N}delete/", notes.note_delete, name="note_delete"),
    path(f"{P}analysis/", analysis.analysis, name="analysis"),
    # --- future state and compare, SVG (views/compare.py)
    path(f"{M}drawing.svg", compare.svg, name="svg"),
    path(f"{M}future/", compare.make_future, name="make_future"),
    path(f"{M}compare/", compare.compare, name="compare"),
    # --- import and export (views/transfer.py)
    path(M + "export.<str:fmt>", transfer.export, name="export"),
    path(M + "import/", transfer.import_steps, name="import"),
    path(M + "import/template.<str:fmt>", transfer.import_template, name="import_template"),
]
