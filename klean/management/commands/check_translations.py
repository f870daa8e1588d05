"""Fail when a catalogue that must be complete has untranslated or fuzzy entries."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

REQUIRED_COMPLETE = ["nb", "nn"]


def po_entries(path: Path):
    """Yield (msgid, [msgstr…], fuzzy) for each entry of a .po file."""
    entry = None
    field = None
    for raw in [*path.read_text(encoding="utf-8").splitlines(), ""]:
        line = raw.strip()
        if not line:
            if entry and entry["msgid"]:
                yield entry["msgid"], entry["msgstr"], entry["fuzzy"]
            entry, field = None, None
            continue
        if entry is None:
            entry = {"msgid": "", "msgstr": [], "fuzzy": False}
        if line.startswith("#,") and "fuzzy" in line:
            entry["fuzzy"] = True
        elif line.startswith("#"):
            continue
        elif line.startswith("msgid "):
            field = "msgid"
            entry["msgid"] = _unquote(line[6:])
        elif line.startswith("msgid_plural "):
            field = "plural"
        elif line.startswith("msgstr"):
            field = "msgstr"
            entry["msgstr"].append(_unquote(line.split(" ", 1)[1]))
        elif line.startswith('"'):
            if field == "msgid":
                entry["msgid"] += _unquote(line)
            elif field == "msgstr":
                entry["msgstr"][-1] += _unquote(line)


def _unquote(text: str) -> str:
    return text.strip()[1:-1]


class Command(BaseCommand):
    help = "Check that the bokmål and nynorsk catalogues have no untranslated or fuzzy entries."

    def handle(self, *args, **options):
        problems = []
        for language in REQUIRED_COMPLETE:
            for base in settings.LOCALE_PATHS:
                path = Path(base) / language / "LC_MESSAGES" / "django.po"
                if not path.exists():
                    problems.append(f"{path}: missing")
                    continue
                for msgid, msgstrs, fuzzy in po_entries(path):
                    if fuzzy:
                        problems.append(f"{path}: fuzzy: {msgid!r}")
                    elif not all(msgstrs):
                        problems.append(f"{path}: untranslated: {msgid!r}")
        if problems:
            raise CommandError("\n".join(problems))
        self.stdout.write(
            self.style.SUCCESS("Translations complete: " + ", ".join(REQUIRED_COMPLETE))
        )
