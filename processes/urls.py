from django.urls import path

from processes.views import transfer

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
    # --- notes and analysis (views/notes.py, views/analysis.py)
    # --- future state and compare, SVG (views/compare.py)
    # --- import and export (views/transfer.py)
    path(M + "export.<str:fmt>", transfer.export, name="export"),
    path(M + "import/", transfer.import_steps, name="import"),
    path(M + "import/template.<str:fmt>", transfer.import_template, name="import_template"),
]
