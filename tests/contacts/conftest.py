import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from contacts.reference_data import load_reference_data


@pytest.fixture
def reference_data(db):
    load_reference_data()


@pytest.fixture
def sign_in_to_admin(client):
    """Sign a staff user in as they would be after password and authenticator code."""

    def sign_in(user):
        device = TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
        client.force_login(user)
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()
        return client

    return sign_in


@pytest.fixture
def count_queries():
    """The number of queries one GET of `url` makes (after a warm-up request)."""

    def count(client, url):
        assert client.get(url).status_code == 200
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url)
        assert response.status_code == 200
        return len(captured.captured_queries)

    return count
