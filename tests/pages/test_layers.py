"""The pages app is the top layer and the meetings app knows none of the apps above it: checked
on the source (imports inside functions count) and on the templates (no other app's tags)."""

import ast
import re
from pathlib import Path

from django.conf import settings

BASE_DIR = Path(settings.BASE_DIR)
APPS = ["accounts", "meetings", "consultations", "machinery", "submissions", "registration"]


def _imported_apps(app: str) -> dict[str, set[str]]:
    """The top-level packages each module of ``app`` imports, anywhere in the module."""
    found = {}
    for path in sorted((BASE_DIR / app).rglob("*.py")):
        names = set()
        for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
            if isinstance(node, ast.Import):
                names.update(alias.name.split(".")[0] for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names.add(node.module.split(".")[0])
        found[str(path.relative_to(BASE_DIR))] = names
    return found


def test_meetings_imports_no_app_above_it():
    above = {"consultations", "machinery", "submissions", "registration", "pages"}
    wrong = {module: names & above for module, names in _imported_apps("meetings").items() if names & above}
    assert wrong == {}


def test_no_app_imports_pages():
    wrong = {
        module: "pages"
        for app in [*APPS, "ccm_portal/lib"]
        for module, names in _imported_apps(app).items()
        if "pages" in names
    }
    assert wrong == {}


def test_meetings_templates_load_no_other_apps_tags():
    libraries = set()
    for path in (BASE_DIR / "templates" / "meetings").rglob("*.html"):
        for load in re.findall(r"{%\s*load\s+([^%]+?)\s*%}", path.read_text()):
            libraries.update(load.split())
    assert libraries <= {"i18n", "l10n", "static", "tz", "cache", "humanize"}
