"""The map's board: for now its name and its steps in order."""

from django.shortcuts import render
from django.views.decorators.http import require_GET

from processes.access import READ, map_view


@map_view(READ)
@require_GET
def board(request, process_map):
    process_map.project = request.project
    steps = process_map.steps.select_related("lane").order_by("order", "pk")
    return render(
        request,
        "processes/board.html",
        {"project": request.project, "map": process_map, "steps": steps, "map_page": True},
    )
