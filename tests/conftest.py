import shutil

import pytest
from django.conf import settings
from django.core.cache import cache
from haystack import connections


def _empty_cache():
    # django-redis's clear() flushes the whole database, other xdist workers' keys included
    if hasattr(cache, "delete_pattern"):
        cache.delete_pattern("*")
    else:
        cache.clear()


@pytest.fixture(autouse=True)
def _clear_cache():
    _empty_cache()
    yield
    _empty_cache()


@pytest.fixture
def search_index():
    """A real, empty Whoosh index in this worker's temp dir; on-commit index updates run."""
    path = settings.HAYSTACK_CONNECTIONS["default"]["PATH"]
    shutil.rmtree(path, ignore_errors=True)
    connections["default"].reset_sessions()
    backend = connections["default"].get_backend()
    backend.setup_complete = False
    backend.setup()
    yield backend
    backend.clear()


@pytest.fixture
def admin_login():
    """Sign `user` in to `client` as the admin requires: password and a confirmed TOTP device.

    The admin lets staff in only after a second factor (accounts.admin_site); this gives the
    session a verified device, as the two-factor page does after a correct code.
    """
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    def login(client, user):
        client.force_login(user)
        device, _ = TOTPDevice.objects.get_or_create(
            user=user, name="Test authenticator", defaults={"confirmed": True}
        )
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()
        return client

    return login
