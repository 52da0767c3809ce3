"""Test settings: DATABASE_URL (PostgreSQL in CI) and a Whoosh index per xdist worker."""

import os
import tempfile

from .base import *  # noqa: F403
from .base import CACHES, HAYSTACK_CONNECTIONS, env

DEBUG = False
SECRET_KEY = "test-only-secret-key"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
CELERY_TASK_ALWAYS_EAGER = True
_worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
if CACHES["default"]["BACKEND"].startswith("django_redis"):
    CACHES = {"default": {**CACHES["default"], "KEY_PREFIX": f"lc-test-{os.getpid()}-{_worker}"}}

TEST_TMP = os.path.join(tempfile.gettempdir(), f"londonconnects-test-{os.getpid()}-{_worker}")
HAYSTACK_CONNECTIONS = {
    "default": {**HAYSTACK_CONNECTIONS["default"], "PATH": os.path.join(TEST_TMP, "whoosh")},
}
MEDIA_ROOT = os.path.join(TEST_TMP, "media")
AXES_ENABLED = env.bool("AXES_ENABLED", default=True)
ACCOUNT_RATE_LIMITS = False
STATIC_ROOT = os.path.join(TEST_TMP, "staticfiles")
os.makedirs(STATIC_ROOT, exist_ok=True)
WHITENOISE_AUTOREFRESH = True
# The link checker's tests run real HTTP servers on loopback addresses; tests that are about
# checking on save turn LINKCHECK_CHECK_ON_SAVE on, with URLs of those servers.
LINKCHECK_ALLOWED_NETWORKS = ["127.0.0.0/8"]
LINKCHECK_CHECK_ON_SAVE = False
