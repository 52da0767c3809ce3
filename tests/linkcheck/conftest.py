import pytest

from .servers import LocalServer

# The loopback servers listen on ports the system picks; the checker is let use them here.
TEST_SERVER_PORTS = ["80", "443", "1024-65535"]


@pytest.fixture(autouse=True)
def _checker_may_use_the_test_servers_ports(settings):
    settings.LINKCHECK_ALLOWED_PORTS = TEST_SERVER_PORTS


@pytest.fixture
def http_server():
    """`http_server(routes, address="127.0.0.1")` starts a LocalServer, stopped after the test."""
    started = []

    def start(routes=None, address="127.0.0.1"):
        server = LocalServer(address, routes).start()
        started.append(server)
        return server

    yield start
    for server in started:
        server.stop()


@pytest.fixture
def fast_config():
    """The checker as configured in settings, with short waits so tests stay quick."""
    from linkcheck.checker import CheckerConfig

    def make(**overrides):
        values = {"host_delay": 0.0, "retry_delay": 0.05, "timeout": 2.0}
        values.update(overrides)
        return CheckerConfig.from_settings(**values)

    return make
