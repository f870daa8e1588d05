"""The events reports write to a project's timeline (declared on ReportsConfig).

The data holds codes (the report's id, kind, language and the failure
reason), worded in the reader's language when the line is shown.
"""

from django.utils.translation import gettext_lazy

from projects.timeline import Event


def _report(data):
    from reports.models import Failure, Kind, Language

    kind, language, reason = data.get("kind", ""), data.get("language", ""), data.get("reason")
    return {
        "kind": Kind(kind).label.lower() if kind in Kind.values else kind,
        "language": Language(language).label if language in Language.values else language,
        "reason": str(Failure(reason).label) if reason in Failure.values else "",
    }


EVENTS = {
    "requested": Event(gettext_lazy("{actor} asked for a {kind} ({language})"), _report),
    "ready": Event(gettext_lazy("The {kind} ({language}) is ready"), _report),
    "failed": Event(gettext_lazy("The {kind} ({language}) could not be made. {reason}"), _report),
}
