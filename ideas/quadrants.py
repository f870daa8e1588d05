"""The effort–impact matrix's quadrants (METHOD.md): high effect for low
effort is done now, high effect for high effort is a project of its own, low
effect for low effort is done when convenient, low effect for high effort is
dropped. A score of 3 counts as high effect and as low effort: the middle of
the scale leans towards trying. The matrix page, the report and its chart
place ideas by this one rule."""

from django.utils.translation import gettext_lazy

from ideas.models import Stage

OFF_MATRIX = (Stage.PARKED, Stage.REJECTED, Stage.DONE)


class Quadrant:
    NOW = "now"
    PROJECT = "project"
    CONVENIENT = "convenient"
    DROP = "drop"


QUADRANT_LABELS = {
    Quadrant.NOW: gettext_lazy("Do it now (quick win)"),
    Quadrant.PROJECT: gettext_lazy("A project of its own"),
    Quadrant.CONVENIENT: gettext_lazy("When convenient"),
    Quadrant.DROP: gettext_lazy("Drop"),
}


def quadrant(effort: int, effect: int) -> str:
    high_effect = effect >= 3
    low_effort = effort <= 3
    if high_effect:
        return Quadrant.NOW if low_effort else Quadrant.PROJECT
    return Quadrant.CONVENIENT if low_effort else Quadrant.DROP
