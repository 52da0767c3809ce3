"""The floors of the house hold: import-linter's contracts in pyproject.toml pass on the tree,
and fail on a copy of it with an upward import or a cycle, imports inside functions too."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")
PACKAGES = (
    "core",
    "accounts",
    "linkcheck",
    "contacts",
    "projects",
    "funding",
    "papers",
    "events",
    "eindex",
    "forums",
    "digests",
    "londonconnects",
)


def lint_imports(tree: Path):
    return subprocess.run(  # noqa: S603 (the venv's own lint-imports, fixed arguments)
        [str(LINT_IMPORTS), "--no-cache"],
        cwd=tree,
        env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(tree)},
        capture_output=True,
        text=True,
        timeout=300,
    )


@pytest.fixture(scope="module")
def tree(tmp_path_factory):
    """A copy of the project's packages and pyproject.toml, to break on purpose."""
    copy = tmp_path_factory.mktemp("house")
    shutil.copy(ROOT / "pyproject.toml", copy / "pyproject.toml")
    for package in PACKAGES:
        shutil.copytree(
            ROOT / package, copy / package, ignore=shutil.ignore_patterns("__pycache__")
        )
    return copy


def add_to(module: Path, code: str):
    original = module.read_text()
    module.write_text(original + code)
    return original


def test_the_tree_keeps_every_contract():
    result = lint_imports(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "3 kept, 0 broken" in result.stdout


def test_a_content_app_importing_the_front_door_inside_a_function_fails(tree):
    views = tree / "projects" / "views.py"
    original = add_to(views, "\n\ndef _upward():\n    from londonconnects import urls\n")
    try:
        result = lint_imports(tree)
    finally:
        views.write_text(original)
    assert result.returncode == 1
    assert "Floors: each package imports only the floors below it BROKEN" in result.stdout
    assert "projects.views -> londonconnects.urls" in result.stdout


def test_the_kit_importing_a_room_fails(tree):
    markdown = tree / "core" / "markdown.py"
    original = add_to(markdown, "\n\nfrom contacts import models as _contacts  # noqa\n")
    try:
        result = lint_imports(tree)
    finally:
        markdown.write_text(original)
    assert result.returncode == 1
    assert "core.markdown -> contacts.models" in result.stdout


def test_a_cycle_inside_a_package_fails(tree):
    models = tree / "funding" / "querysets.py"
    original = add_to(models, "\n\ndef _cycle():\n    from .models import FundingRound\n")
    try:
        result = lint_imports(tree)
    finally:
        models.write_text(original)
    assert result.returncode == 1
    assert "No import cycles between the modules of any package BROKEN" in result.stdout
    assert "No cycles are allowed in funding." in result.stdout
