"""Guard: every public URL without arguments, and one detail page of each kind, answers 200
with exactly one <h1>, a <title>, and no server error."""

import re

import pytest
from django.apps import apps
from django.core.management import call_command
from django.urls import URLPattern, URLResolver, get_resolver

SKIP_PREFIXES = ("admin/", "accounts/", "healthz", "robots.txt", "csp-report/", "404/", "403/",
                 "500/")  # fmt: skip
# The account pages a visitor reaches without signing in.
ACCOUNT_PAGES = ["/accounts/login/", "/accounts/signup/", "/accounts/password/reset/"]


def _argument_free_paths(patterns, prefix=""):
    for entry in patterns:
        route = str(entry.pattern)
        if isinstance(entry, URLResolver):
            if "<" in route or "(?P" in route:
                continue
            yield from _argument_free_paths(entry.url_patterns, prefix + route)
        elif isinstance(entry, URLPattern):
            full = prefix + route
            if "<" in full or "(?P" in full or full.startswith(SKIP_PREFIXES):
                continue
            full = full.lstrip("^").rstrip("$")
            if full.startswith(SKIP_PREFIXES):
                continue
            yield "/" + full


def _detail_paths():
    for model in apps.get_models():
        if not hasattr(model, "get_absolute_url") or model._meta.app_label in {"auth", "accounts"}:
            continue
        manager = model._default_manager
        queryset = manager.public() if hasattr(manager, "public") else manager.all()
        instance = queryset.first()
        if instance is not None:
            yield instance.get_absolute_url()


def _assert_sound_page(response, path):
    assert response.status_code == 200, f"{path} answered {response.status_code}"
    html = response.content.decode()
    assert len(re.findall(r"<h1[\s>]", html)) == 1, f"{path} must have exactly one <h1>"
    assert re.search(r"<title>\s*\S", html), f"{path} has no <title>"


@pytest.fixture
def site_with_data(db):
    call_command("load_reference_data", verbosity=0)
    call_command("seed_demo", scale=1, verbosity=0)


def test_every_public_page_without_arguments(client, site_with_data):
    paths = sorted(set(_argument_free_paths(get_resolver().url_patterns))) + ACCOUNT_PAGES
    assert "/" in paths and "/organisations/" in paths
    for path in paths:
        # A page for signed-in people (a moderation queue) may send a visitor to sign in;
        # the page they land on must still be sound.
        response = client.get(path, follow=True)
        if response.redirect_chain:
            assert response.redirect_chain[-1][0].startswith("/accounts/login/"), path
        if not response.get("Content-Type", "").startswith("text/html"):
            # Feeds, calendars and CSV exports are data for other programs, not pages.
            assert response.status_code == 200, f"{path} answered {response.status_code}"
            continue
        _assert_sound_page(response, path)


def test_one_detail_page_of_each_kind(client, site_with_data):
    paths = list(_detail_paths())
    assert len(paths) >= 3
    for path in paths:
        _assert_sound_page(client.get(path), path)
