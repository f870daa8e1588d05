"""get_FOO_display reads the label in the reader's language, without a dict per call."""

from django.utils import translation

from projects.models import Project, ProjectStatus


def test_a_choice_label_follows_the_active_language():
    project = Project(status=ProjectStatus.ON_HOLD, phase=6)
    with translation.override("nb"):
        assert project.get_status_display() == "På vent"
        assert project.get_phase_display() == "Prioritering og ønsket situasjon"
    with translation.override("en"):
        assert project.get_status_display() == "On hold"
    assert Project(status="unknown").get_status_display() == "unknown"
