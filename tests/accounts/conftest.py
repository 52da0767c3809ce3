import pytest
from axes.utils import reset as reset_axes


@pytest.fixture(autouse=True)
def _reset_axes(request):
    """Start every database test with no recorded sign-in failures."""
    if request.node.get_closest_marker("django_db"):
        reset_axes()


@pytest.fixture
def sink(settings):
    """Mail goes over SMTP to a real server on 127.0.0.1, which keeps it."""
    from tests.digests.smtp import SinkServer

    server = SinkServer().start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", server.port
    settings.EMAIL_USE_TLS, settings.EMAIL_HOST_USER, settings.EMAIL_HOST_PASSWORD = False, "", ""
    yield server.sink
    server.stop()
