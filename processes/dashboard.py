"""Process maps' panel on the dashboards (klean.extensions ``dashboard_panels``):
waste found by type, in minutes per case, over the current-state maps of the
projects in view.

One query reads the steps of those maps (only the figures ``metrics.compute``
needs, the steps on the map as the analysis page counts them: not deleted,
in a lane that is not deleted), and ``processes.metrics`` computes the
figures, as on each map's own pages: the minutes of each waste type, added
up over the maps. A step marked with several waste types counts under each.
Maps are shown as they are now: the period does not apply to them.

``scope`` is a ``reports.dashboards.Scope`` (this app does not import it).
"""

from typing import NamedTuple

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from klean.charts import amount_bars, titled
from klean.extensions import Panel
from processes import formatting, metrics
from processes.models import MapKind, Step, WasteType


class _Step(NamedTuple):
    """What ``metrics.compute`` reads of a step."""

    lane_id: int
    processing_minutes: int
    waiting_minutes: int
    people: int | None
    value_class: str
    waste_types: list


def current_maps(scope) -> tuple[int, metrics.Metrics]:
    """The number of current-state maps of the projects in view, and their key
    figures added up (one query): ``metrics.compute`` over the steps of every
    map, which for waste by type and time in waste steps — sums over steps —
    is the sum of each map's figures. (Lead times, hand-offs and flow
    efficiency do not add up over maps; the dashboard shows none of them.)"""
    steps = (
        Step.objects.filter(
            map__kind=MapKind.CURRENT,
            map__project_id__in=scope.ids,
            lane__deleted_at__isnull=True,
        )
        .order_by("map_id", "order", "pk")
        .values_list("map_id", *_Step._fields)
    )
    maps = set()
    every_step = []
    for map_id, *fields in steps:
        maps.add(map_id)
        every_step.append(_Step(*fields))
    return len(maps), metrics.compute(every_step)


def panels(scope) -> list[Panel]:
    maps, figures = current_maps(scope)
    labels = dict(WasteType.choices)
    rows = []
    for code in WasteType.values:
        minutes = figures.waste_by_type[code].minutes
        steps = figures.waste_by_type[code].steps
        rows.append(
            {
                "code": code,
                "label": labels[code],
                "minutes": minutes,
                "time": formatting.duration(minutes),
                "steps": steps,
            }
        )
    found = [row for row in rows if row["steps"]]
    waste_minutes = figures.waste_minutes
    chart = None
    if found:
        chart = titled(
            amount_bars(
                [(str(row["label"]), row["minutes"], str(row["time"])) for row in rows],
                label=_("Waste by type, minutes per case: ")
                + "; ".join(f"{row['label']}: {row['minutes']}" for row in found),
            ),
            _("Waste by type"),
        )
    return [
        Panel(
            "processes/dashboard.html#waste",
            {
                "rows": rows,
                "maps": maps,
                "chart": chart,
                "waste_time": formatting.duration(waste_minutes),
                "figures": [
                    {
                        "label": _("Time in waste steps"),
                        "value": formatting.duration(waste_minutes).number,
                        "unit": formatting.duration(waste_minutes).unit,
                        "note": ngettext(
                            "per case, in %(count)s current-state map",
                            "per case, added up over %(count)s current-state maps",
                            maps,
                        )
                        % {"count": maps},
                    }
                ]
                if maps
                else [],
            },
        )
    ]
