"""The dependencies point one way (DESIGN.md): klean ← accounts ← projects ←
processes, feedback, ideas ← reports. No app imports one above it, not even
through the app registry, and no template caches rendered HTML."""

import ast
import re
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(settings.BASE_DIR)
LAYER = {
    "klean": 0,
    "accounts": 1,
    "projects": 2,
    "processes": 3,
    "feedback": 3,
    "ideas": 3,
    "reports": 4,
}


def imported_apps(path: Path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.lineno, node.module.split(".")[0]
        elif isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name.split(".")[0]
        elif (
            isinstance(node, ast.Call)
            and getattr(node.func, "attr", None) == "get_model"
            and node.args
            and isinstance(node.args[0], ast.Constant)
        ):
            yield node.lineno, str(node.args[0].value).split(".")[0]


@pytest.mark.parametrize("app", sorted(LAYER))
def test_no_app_depends_on_one_above_it(app):
    wrong = []
    for path in (ROOT / app).rglob("*.py"):
        if "migrations" in path.parts or path == ROOT / "klean" / "urls.py":
            continue  # klean/urls.py is where the apps' addresses are put together
        for line, target in imported_apps(path):
            if target in LAYER and LAYER[target] > LAYER[app]:
                wrong.append(f"{path.relative_to(ROOT)}:{line} uses {target}")
    assert not wrong, "\n".join(wrong)


def test_no_template_caches_rendered_html():
    cached = [
        str(path.relative_to(ROOT))
        for path in (ROOT / "templates").rglob("*.html")
        if "{% cache" in path.read_text(encoding="utf-8")
        or "{% load cache" in path.read_text(encoding="utf-8")
    ]
    assert not cached, f"pages must be made cheap through their queries instead: {cached}"


#: A translation call inside an f-string's braces, where the message extraction
#: (xgettext) does not look: the text would stay in English.
TRANSLATED_IN_FSTRING = re.compile(
    r"""\bf(["']).*\{\s*(_|gettext|ngettext|pgettext|gettext_lazy)\("""
)


@pytest.mark.parametrize("app", sorted(LAYER))
def test_no_text_is_translated_inside_an_f_string(app):
    hidden = [
        f"{path.relative_to(ROOT)}:{number}"
        for path in (ROOT / app).rglob("*.py")
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if TRANSLATED_IN_FSTRING.search(line)
    ]
    assert hidden == [], "translate outside the f-string, where makemessages finds it"
