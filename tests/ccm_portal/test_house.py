"""House rules checked on the whole project: no Python module over 600 lines (split into
packages as submissions/ does). Migrations are generated and exempt."""

import subprocess
from pathlib import Path

from django.conf import settings

BASE_DIR = Path(settings.BASE_DIR)
MAX_LINES = 600


def python_modules() -> list[Path]:
    """Every Python file git tracks under the project root, migrations aside (a file deleted in
    the work tree but not yet in git is skipped)."""
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--", "*.py"], cwd=BASE_DIR, capture_output=True, check=True
    ).stdout.decode()
    paths = [Path(name) for name in listed.split("\0") if name]
    return sorted(p for p in paths if "migrations" not in p.parts[:-1] and (BASE_DIR / p).is_file())


def line_count(path: Path) -> int:
    return len((BASE_DIR / path).read_text(encoding="utf-8").splitlines())


def test_the_check_sees_the_project():
    modules = python_modules()
    assert Path("tests/conftest.py") in modules
    assert Path("ccm_portal/settings.py") in modules
    assert not [p for p in modules if "migrations" in p.parts]


def test_no_module_is_over_600_lines():
    too_long = [(path, lines) for path in python_modules() if (lines := line_count(path)) > MAX_LINES]
    assert not too_long, f"modules over {MAX_LINES} lines (split them into packages): " + ", ".join(
        f"{path} ({lines} lines)" for path, lines in sorted(too_long, key=lambda t: -t[1])
    )
