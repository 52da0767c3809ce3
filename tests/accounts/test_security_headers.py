"""The site's edges: a Permissions-Policy that turns off the browser features the site never
uses; a content security policy that sends its violation reports to the site, which keeps
them (rate limited, without visitors' addresses or query strings) for site administrators;
HSTS preload and subdomains set from the environment."""

import json

import pytest
from django.test import Client, override_settings

from accounts.models import CspViolation
from tests.factories import PartnerEditorFactory, SuperUserFactory

from .helpers import sign_in_with_second_factor
from .test_security_settings import PROD_ENV, run_python_with_env, run_with_env

REPORT_URL = "/csp-report/"


def directives_of(response):
    policy = response.headers["Content-Security-Policy"]
    return {part.split()[0]: part.split()[1:] for part in policy.split(";") if part.strip()}


def classic_report(**changes):
    report = {
        "document-uri": "https://londonconnects.example/projects/?q=Jane+Doe",
        "referrer": "",
        "violated-directive": "script-src-elem",
        "effective-directive": "script-src-elem",
        "original-policy": "default-src 'self'",
        "disposition": "enforce",
        "blocked-uri": "https://evil.example/steal.js?who=jane",
        "line-number": 12,
        "source-file": "https://londonconnects.example/projects/?q=Jane+Doe",
        "status-code": 200,
    }
    report.update(changes)
    return json.dumps({"csp-report": report})


def send(client, body, content_type="application/csp-report", **extra):
    return client.post(REPORT_URL, body, content_type=content_type, **extra)


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/", "/accounts/login/", "/projects/", "/does-not-exist/"])
def test_every_page_turns_off_the_browser_features_the_site_never_uses(client, path):
    policy = client.get(path).headers["Permissions-Policy"]

    features = dict(part.strip().split("=") for part in policy.split(","))
    for feature in ("camera", "microphone", "geolocation", "payment", "usb"):
        assert features[feature] == "()", feature


@pytest.mark.django_db
def test_the_policy_sends_its_violation_reports_to_the_site(client):
    response = client.get("/")

    directives = directives_of(response)
    assert directives["report-uri"] == [REPORT_URL]
    assert directives["report-to"] == ["csp-endpoint"]
    assert response.headers["Reporting-Endpoints"] == (
        f'csp-endpoint="http://testserver{REPORT_URL}"'
    )


@pytest.mark.django_db
def test_a_violation_report_is_kept_without_query_strings_or_addresses(client):
    response = send(client, classic_report(), REMOTE_ADDR="198.51.100.7")

    assert response.status_code == 204
    violation = CspViolation.objects.get()
    assert violation.document == "https://londonconnects.example/projects/"
    assert violation.blocked == "https://evil.example"
    assert violation.directive == "script-src-elem"
    assert violation.source_file == "https://londonconnects.example/projects/"
    assert violation.line_number == 12
    assert violation.count == 1
    stored = json.dumps(list(CspViolation.objects.values()), default=str)
    assert "Jane" not in stored and "198.51.100.7" not in stored and "who=" not in stored


@pytest.mark.django_db
def test_the_same_violation_again_is_counted_not_stored_twice(client):
    send(client, classic_report())
    send(client, classic_report(**{"blocked-uri": "https://evil.example/other.js"}))

    assert CspViolation.objects.get().count == 2


@pytest.mark.django_db
def test_reporting_api_reports_are_kept_too(client):
    body = json.dumps(
        [
            {
                "type": "csp-violation",
                "age": 10,
                "url": "https://londonconnects.example/forums/",
                "body": {
                    "documentURL": "https://londonconnects.example/forums/?page=2",
                    "effectiveDirective": "style-src-attr",
                    "blockedURL": "inline",
                    "disposition": "enforce",
                    "sourceFile": "https://londonconnects.example/static/build/js/app.mjs",
                    "lineNumber": 3,
                },
            },
            {"type": "deprecation", "body": {"id": "something"}},
        ]
    )

    response = send(client, body, content_type="application/reports+json")

    assert response.status_code == 204
    violation = CspViolation.objects.get()
    assert (violation.document, violation.directive, violation.blocked) == (
        "https://londonconnects.example/forums/",
        "style-src-attr",
        "inline",
    )


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("body", "content_type"),
    [
        ("not json", "application/csp-report"),
        (json.dumps({"something": "else"}), "application/csp-report"),
        (json.dumps([1, 2]), "application/reports+json"),
        (classic_report(), "text/plain"),
        (classic_report(**{"document-uri": "x" * 20_000}), "application/csp-report"),
    ],
)
def test_anything_but_a_report_is_refused_and_nothing_kept(client, body, content_type):
    assert send(client, body, content_type=content_type).status_code == 400
    assert not CspViolation.objects.exists()


@pytest.mark.django_db
def test_the_endpoint_takes_reports_only(client):
    assert client.get(REPORT_URL).status_code == 405


@pytest.mark.django_db
@override_settings(CSP_REPORTS_PER_VISITOR_PER_HOUR=3)
def test_reports_are_limited_per_visitor(client):
    answers = [
        send(client, classic_report(**{"line-number": n}), REMOTE_ADDR="198.51.100.7").status_code
        for n in range(4)
    ]

    assert answers == [204, 204, 204, 429]
    assert CspViolation.objects.count() == 3
    other = send(client, classic_report(**{"line-number": 9}), REMOTE_ADDR="198.51.100.8")
    assert other.status_code == 204


@pytest.mark.django_db
def test_reports_take_no_csrf_token():
    strict = Client(enforce_csrf_checks=True)
    assert send(strict, classic_report()).status_code == 204


@pytest.mark.django_db
def test_site_administrators_read_the_reports_in_the_admin_and_editors_do_not(client):
    send(client, classic_report())
    url = "/admin/accounts/cspviolation/"

    sign_in_with_second_factor(client, PartnerEditorFactory())
    assert client.get(url).status_code == 403
    sign_in_with_second_factor(client, SuperUserFactory())
    page = client.get(url)
    assert page.status_code == 200
    assert "script-src-elem" in page.text and "https://evil.example" in page.text
    assert client.get("/admin/accounts/cspviolation/add/").status_code == 403


def test_hsts_preload_and_subdomains_come_from_the_environment():
    show = (
        "import django; django.setup(); from django.conf import settings; "
        "print(settings.SECURE_HSTS_PRELOAD, settings.SECURE_HSTS_INCLUDE_SUBDOMAINS)"
    )
    default = run_python_with_env(show, PROD_ENV)
    turned_off = run_python_with_env(
        show,
        {**PROD_ENV, "SECURE_HSTS_PRELOAD": "false", "SECURE_HSTS_INCLUDE_SUBDOMAINS": "false"},
    )

    assert default.stdout.split() == ["True", "True"], default.stderr
    assert turned_off.stdout.split() == ["False", "False"], turned_off.stderr
    deploy_check = run_with_env(["check", "--deploy"], {**PROD_ENV, "SECURE_HSTS_PRELOAD": "false"})
    assert "security.W021" in deploy_check.stdout + deploy_check.stderr
