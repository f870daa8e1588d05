"""The K-LEAN method as the product models it: phases, their checklists, project roles.

Plain data, no database: a project stores which phase it is in and which
checklist items were ticked; what the phases *are* lives here.
"""

from dataclasses import dataclass

from django.db import models
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _


class Phase(models.IntegerChoices):
    ANCHORING = 0, _("Anchoring and kick-off")
    PLANNING = 1, _("Planning")
    USER_INSIGHT = 2, _("User insight")
    CURRENT_STATE = 3, _("Current-state mapping")
    ANALYSIS = 4, _("Analysis")
    IDEAS = 5, _("Idea collection and development")
    SELECTION = 6, _("Selection and future state")
    ACTION_PLAN = 7, _("Action plan")
    IMPLEMENTATION = 8, _("Implementation")
    FOLLOW_UP = 9, _("Follow-up and evaluation")
    SPREAD = 10, _("Spread and sustain")


FIRST_PHASE = Phase.ANCHORING
LAST_PHASE = Phase.SPREAD
# User insight and current-state mapping may run side by side.
PARALLEL_PHASES = {Phase.USER_INSIGHT: Phase.CURRENT_STATE, Phase.CURRENT_STATE: Phase.USER_INSIGHT}


@dataclass(frozen=True)
class ChecklistItem:
    """One output of a phase. ``tool`` names the page of the product that
    makes it (a URL name taking the organisation's slug and the project's id);
    the checklist links to it once that page exists."""

    key: str
    label: str
    tool: str = ""

    def tool_url(self, project) -> str | None:
        if not self.tool:
            return None
        try:
            return reverse(self.tool, args=[project.organisation.slug, project.pk])
        except NoReverseMatch:
            return None  # the tool is not built yet: promise nothing


# "Process owner appointed" can only be ticked off when the team has one.
OWNER_ITEM = "owner"

CHECKLISTS: dict[int, tuple[ChecklistItem, ...]] = {
    Phase.ANCHORING: (
        ChecklistItem("mandate", _("Mandate written and approved")),
        ChecklistItem("process", _("Process chosen, with its start and end point")),
        ChecklistItem("owner", _("Process owner appointed"), tool="projects:team"),
        ChecklistItem("steering", _("Steering group set up")),
        ChecklistItem("reps", _("Union and safety representatives involved")),
    ),
    Phase.PLANNING: (
        ChecklistItem(
            "goals", _("Goals as indicators with baseline and target"), tool="projects:goal_create"
        ),
        ChecklistItem("benefit_plan", _("Benefit plan agreed: what freed time will be used for")),
        ChecklistItem("team", _("Team put together"), tool="projects:team"),
        ChecklistItem("timeline", _("Timeline made")),
    ),
    Phase.USER_INSIGHT: (
        ChecklistItem("interviews", _("Users interviewed or focus groups held")),
        ChecklistItem("questionnaire", _("Questionnaire sent out"), tool="feedback:forms"),
        ChecklistItem("what_matters", _("What matters to the users summarised")),
    ),
    Phase.CURRENT_STATE: (
        ChecklistItem(
            "map", _("Current process mapped step by step"), tool="processes:current_map"
        ),
        ChecklistItem(
            "times", _("Processing and waiting times recorded"), tool="processes:current_map"
        ),
        ChecklistItem("problems", _("Hand-offs and problems noted"), tool="processes:current_map"),
    ),
    Phase.ANALYSIS: (
        ChecklistItem(
            "value",
            _("Every step classified as value-adding, necessary or waste"),
            tool="processes:analysis",
        ),
        ChecklistItem("waste", _("Waste types identified"), tool="processes:analysis"),
        ChecklistItem("root_causes", _("Root causes found (five whys)"), tool="processes:analysis"),
    ),
    Phase.IDEAS: (
        ChecklistItem("collected", _("Ideas collected, one idea per note"), tool="ideas:board"),
        ChecklistItem("developed", _("Ideas grouped and developed"), tool="ideas:board"),
    ),
    Phase.SELECTION: (
        ChecklistItem("matrix", _("Ideas placed on the effort–impact matrix"), tool="ideas:matrix"),
        ChecklistItem("selected", _("Ideas selected"), tool="ideas:matrix"),
        ChecklistItem("future_map", _("Future-state process mapped"), tool="processes:future_map"),
    ),
    Phase.ACTION_PLAN: (
        ChecklistItem(
            "actions", _("Action plan made: what, who, by when"), tool="ideas:action_plan"
        ),
        ChecklistItem(
            "approved", _("Action plan approved by the process owner"), tool="ideas:action_plan"
        ),
    ),
    Phase.IMPLEMENTATION: (
        ChecklistItem("routines", _("New routines and standards described")),
        ChecklistItem(
            "pdsa", _("Changes tried small first (plan–do–study–act)"), tool="ideas:board"
        ),
        ChecklistItem("quick_wins", _("Quick wins carried out"), tool="ideas:action_plan"),
    ),
    Phase.FOLLOW_UP: (
        ChecklistItem("board", _("Board meetings held")),
        ChecklistItem("measured", _("Before and after measurements made")),
        ChecklistItem("benefit", _("Realised benefit recorded"), tool="ideas:board"),
        ChecklistItem("evaluation", _("Evaluated after 3–6 months")),
    ),
    Phase.SPREAD: (
        ChecklistItem("handover", _("Handed over to daily operation")),
        ChecklistItem("next", _("Next processes chosen")),
        ChecklistItem("spread", _("Spread to other units")),
    ),
}


def checklist_item(phase: int, key: str) -> ChecklistItem | None:
    """The checklist item, or None when the phase or the item does not exist."""
    for item in CHECKLISTS.get(phase, ()):
        if item.key == key:
            return item
    return None
