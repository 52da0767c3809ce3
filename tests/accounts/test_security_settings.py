"""Sessions end after inactivity; production settings pass Django's deployment checks and
refuse to start without their secrets."""

import os
import secrets
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.utils import timezone

from tests.factories import UserFactory

from .helpers import sign_in

ROOT = Path(settings.BASE_DIR)
PROD_ENV = {
    "DJANGO_SETTINGS_MODULE": "londonconnects.settings.prod",
    "SECRET_KEY": secrets.token_urlsafe(64),
    "DATABASE_URL": "sqlite:////tmp/londonconnects-check-deploy.db",
    "ALLOWED_HOSTS": "example.org",
}


def stored_session(client):
    return Session.objects.get(session_key=client.session.session_key)


@pytest.mark.django_db
def test_session_ends_after_inactivity(client):
    user = UserFactory()
    sign_in(client, user.email)
    assert client.get("/accounts/profile/").status_code == 200

    # As if the last request were longer ago than SESSION_COOKIE_AGE
    Session.objects.filter(session_key=client.session.session_key).update(
        expire_date=timezone.now() - timedelta(seconds=1)
    )
    response = client.get("/accounts/profile/")

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


@pytest.mark.django_db
def test_each_request_extends_the_session_by_the_inactivity_limit(client):
    user = UserFactory()
    sign_in(client, user.email)
    Session.objects.filter(session_key=client.session.session_key).update(
        expire_date=timezone.now() + timedelta(minutes=5)
    )

    client.get("/accounts/profile/")

    remaining = stored_session(client).expire_date - timezone.now()
    assert remaining > timedelta(seconds=settings.SESSION_COOKIE_AGE - 60)
    assert settings.SESSION_COOKIE_AGE <= 2 * 60 * 60


@pytest.mark.django_db
def test_session_cookie_ends_with_the_browser(client):
    user = UserFactory()
    response = sign_in(client, user.email)

    cookie = response.cookies[settings.SESSION_COOKIE_NAME]
    assert cookie["max-age"] == ""
    assert cookie["httponly"]
    assert cookie["samesite"] == "Lax"


def run_with_env(args, env_overrides, drop=()):
    env = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith(("DJANGO_", "DATABASE_", "REDIS_", "CELERY_", "SECRET_KEY"))
        and name not in {"ALLOWED_HOSTS", "EMAIL_URL", *drop}
    }
    env.update({name: value for name, value in env_overrides.items() if name not in drop})
    return subprocess.run(  # noqa: S603 - our own interpreter and manage.py
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def run_python_with_env(code, env_overrides, drop=()):
    """`code` in a fresh interpreter, with the environment run_with_env gives manage.py."""
    env = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith(("DJANGO_", "DATABASE_", "REDIS_", "CELERY_", "SECRET_KEY"))
        and name not in {"ALLOWED_HOSTS", "EMAIL_URL", "DEBUG", *drop}
    }
    env.update({name: value for name, value in env_overrides.items() if name not in drop})
    return subprocess.run(  # noqa: S603 - our own interpreter, fixed code
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


ENTRY_POINTS = {
    "wsgi": "import londonconnects.wsgi",
    "asgi": "import londonconnects.asgi",
    "celery": "from londonconnects.celery import app; app.loader.import_default_modules()",
}
SHOW_SETTINGS = (
    "; from django.conf import settings; print(settings.SETTINGS_MODULE, settings.DEBUG)"
)


@pytest.mark.parametrize("entry_point", sorted(ENTRY_POINTS))
def test_entry_points_without_a_settings_module_start_in_production(entry_point):
    without_secrets = run_python_with_env(ENTRY_POINTS[entry_point] + SHOW_SETTINGS, {})
    with_secrets = run_python_with_env(
        ENTRY_POINTS[entry_point] + SHOW_SETTINGS,
        {**PROD_ENV, "DEBUG": "true"},
        drop={"DJANGO_SETTINGS_MODULE"},
    )

    assert without_secrets.returncode != 0
    assert "SECRET_KEY must be set" in without_secrets.stderr
    assert with_secrets.returncode == 0, with_secrets.stderr
    assert with_secrets.stdout.split() == ["londonconnects.settings.prod", "False"]


def test_manage_py_keeps_the_development_default_for_make_run():
    result = run_with_env(["diffsettings", "--all"], {}, drop={"DJANGO_SETTINGS_MODULE"})

    assert result.returncode == 0, result.stderr
    assert "SETTINGS_MODULE = 'londonconnects.settings.dev'" in result.stdout


def test_production_settings_pass_check_deploy_with_zero_warnings():
    result = run_with_env(["check", "--deploy", "--fail-level", "WARNING"], PROD_ENV)

    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


@pytest.mark.parametrize("missing", ["SECRET_KEY", "DATABASE_URL", "ALLOWED_HOSTS"])
def test_production_settings_refuse_to_start_without(missing):
    result = run_with_env(["check"], PROD_ENV, drop={missing})

    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert f"{missing} must be set" in result.stderr
