"""The OpenAPI schema is valid and warning-free, and the API keeps to it: a bounded
schemathesis run over every operation, on the real reference and demo data, finds no server
error and no answer (status, content type, headers, body) that the schema does not describe."""

import subprocess
import sys
from contextlib import contextmanager
from pathlib import Path

import pytest
import schemathesis
import yaml
from django.conf import settings
from django.core.handlers.wsgi import WSGIHandler
from django.core.management import call_command
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.test import override_settings
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from core import registry

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]
# Per operation; two operations a resource, so a few hundred requests in all (under a
# minute here).
EXAMPLES = 12


def test_the_schema_is_valid_without_a_warning(tmp_path):
    """What CI runs: `manage.py spectacular --validate --fail-on-warn`, in a process of its own."""
    schema_file = tmp_path / "schema.yaml"
    finished = subprocess.run(  # noqa: S603 (our own manage.py, fixed arguments)
        [
            sys.executable,
            str(Path(settings.BASE_DIR) / "manage.py"),
            "spectacular",
            "--validate",
            "--fail-on-warn",
            "--settings=londonconnects.settings.test",
            "--file",
            str(schema_file),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert finished.returncode == 0, finished.stderr
    assert "Warning" not in finished.stderr and "Error" not in finished.stderr
    schema = yaml.safe_load(schema_file.read_text())
    assert schema["openapi"].startswith("3.")
    paths = set(schema["paths"])
    for prefix in ("projects", "funding", "papers", "events", "organisations", "groups",
                   "contacts"):  # fmt: skip
        assert f"/api/v1/{prefix}/" in paths
    assert all(set(operations) == {"get"} for operations in schema["paths"].values())


@contextmanager
def same_connection_as_the_test():
    """Requests through the WSGI handler share the test's database connection and
    transaction, as Django's test client arranges."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


@pytest.fixture
def demo_site(db):
    call_command("load_reference_data", verbosity=0)
    call_command("seed_demo", scale=1, verbosity=0)


@pytest.mark.django_db
@override_settings(API_ANONYMOUS_RATE="100000/minute")
def test_the_api_keeps_to_its_schema(demo_site, client):
    application = WSGIHandler()
    with same_connection_as_the_test():
        schema = schemathesis.openapi.from_wsgi("/api/schema/?format=json", application)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) == 2 * len(registry.api_endpoints())  # list and detail
    # Django's test client reconnects what same_connection_as_the_test disconnects: use it
    # before, not inside.
    known = [_known_identifiers(client, operation) for operation in operations]
    with same_connection_as_the_test():
        for operation, identifiers in zip(operations, known, strict=True):
            _exercise(operation, identifiers)


def _known_identifiers(client, operation):
    """For a detail operation, the slug or id of real records, so that not every generated
    request is a 404."""
    parameters = [p.name for p in operation.path_parameters]
    if not parameters:
        return []
    (name,) = parameters
    list_path = operation.path.rsplit("{", 1)[0]
    listed = client.get(list_path, {"deadline": "all"} if "funding" in list_path else {})
    results = listed.json()["results"]
    assert results, f"no demo records at {list_path}"
    return [{name: record["id" if name in ("id", "pk") else "slug"]} for record in results[:5]]


def _exercise(operation, known):
    strategy = operation.as_strategy()
    if known:
        strategy = st.one_of(
            strategy, *(operation.as_strategy(path_parameters=given_) for given_ in known)
        )

    @hypothesis_settings(
        max_examples=EXAMPLES,
        deadline=None,
        database=None,
        derandomize=True,
        suppress_health_check=list(HealthCheck),
    )
    @given(case=strategy)
    def run(case):
        case.call_and_validate(checks=CHECKS)

    run()
