"""The front-end build and the static files pipeline that serves it with hashed names."""

import fcntl
import json
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import override_settings

from .html import elements

BUILD_DIR = Path(settings.BASE_DIR) / "static" / "build"
MANIFEST_STORAGE = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}


@pytest.fixture(autouse=True)
def _one_build_at_a_time(tmp_path_factory):
    """These tests all build into the one static/build/: on two xdist workers, one test's
    build would change the files under another's feet. A file lock takes them in turn."""
    lock_path = tmp_path_factory.getbasetemp().parent / "static-build.lock"
    with open(lock_path, "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        yield
        fcntl.flock(lock, fcntl.LOCK_UN)


def _npm_build():
    subprocess.run(  # noqa: S603 - a fixed command line, no outside input
        [shutil.which("npm"), "run", "--silent", "build"],
        cwd=settings.BASE_DIR,
        check=True,
        timeout=300,
        capture_output=True,
    )


def test_build_compiles_govuk_frontend_with_the_sites_own_brand():
    _npm_build()
    css = (BUILD_DIR / "css" / "main.css").read_text()
    assert ".govuk-service-navigation" in css and ".govuk-pagination" in css
    assert ".lc-masthead" in css
    assert "GDS Transport" not in css
    assert "@font-face" not in css
    assert "govuk-crest" not in css
    assert "font-family:system-ui" in css

    application = (BUILD_DIR / "js" / "application.mjs").read_text()
    assert "initAll" in application
    assert "initAll" in (BUILD_DIR / "js" / "govuk-frontend.min.js").read_text()
    assert (BUILD_DIR / "assets" / "images" / "favicon.svg").is_file()


def test_build_is_idempotent():
    _npm_build()
    before = {path: path.stat().st_mtime_ns for path in BUILD_DIR.rglob("*") if path.is_file()}
    _npm_build()
    after = {path: path.stat().st_mtime_ns for path in BUILD_DIR.rglob("*") if path.is_file()}
    assert after == before


@pytest.mark.django_db
def test_collectstatic_hashes_the_built_assets_for_whitenoise(tmp_path, client):
    _npm_build()
    with override_settings(STATIC_ROOT=tmp_path, STORAGES=MANIFEST_STORAGE):
        call_command("collectstatic", interactive=False, verbosity=0)
        html = client.get("/").content.decode()

    paths = json.loads((tmp_path / "staticfiles.json").read_text())["paths"]
    for name in (
        "build/css/main.css",
        "build/js/application.mjs",
        "build/js/govuk-frontend.min.js",
        "build/assets/images/favicon.svg",
    ):
        hashed = paths[name]
        assert hashed != name and (tmp_path / hashed).is_file()
    assert (tmp_path / f"{paths['build/css/main.css']}.gz").is_file()

    (stylesheet,) = elements(html, "link", rel="stylesheet")
    assert stylesheet["attrs"]["href"] == f"/static/{paths['build/css/main.css']}"
    (module,) = elements(html, "script", type="module")
    assert module["attrs"]["src"] == f"/static/{paths['build/js/application.mjs']}"
    assert (
        module["attrs"]["data-govuk-frontend"]
        == f"/static/{paths['build/js/govuk-frontend.min.js']}"
    )
