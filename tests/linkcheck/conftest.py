import pytest

from .servers import LocalServer


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
