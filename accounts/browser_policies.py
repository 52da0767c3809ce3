"""What the site asks of browsers beside each page's content security policy: the
Permissions-Policy (features the site never uses stay off), where to send reports
(Reporting-Endpoints), and the endpoint that keeps the CSP violation reports they send.

It sits with the accounts because site administrators read the reports in the admin.
"""

import json
from urllib.parse import urlsplit

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.http import HttpResponse, HttpResponseBadRequest
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from core.limits import allow_visitor

from .models import CspViolation

REPORT_ENDPOINT_NAME = "csp-endpoint"
MAX_REPORT_BYTES = 16 * 1024
REPORT_CONTENT_TYPES = {"application/csp-report", "application/reports+json", "application/json"}


class BrowserPoliciesMiddleware:
    """Adds Permissions-Policy (settings.PERMISSIONS_POLICY) and Reporting-Endpoints."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.permissions_policy = ", ".join(
            f"{feature}=({' '.join(allowed)})"
            for feature, allowed in settings.PERMISSIONS_POLICY.items()
        )

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", self.permissions_policy)
        endpoint = request.build_absolute_uri(settings.CSP_REPORT_PATH)
        response.headers.setdefault("Reporting-Endpoints", f'{REPORT_ENDPOINT_NAME}="{endpoint}"')
        return response


def _without_query(url):
    """A page or script address without its query string or fragment, where personal data
    (a search, a token) would be."""
    parts = urlsplit(url)
    if not parts.scheme:
        return url
    return f"{parts.scheme}://{parts.netloc}{parts.path}"


def _blocked(resource):
    """The blocked resource's origin, or the keyword browsers send (inline, eval, data ...)."""
    parts = urlsplit(resource)
    if parts.scheme in {"http", "https", "ws", "wss"}:
        return f"{parts.scheme}://{parts.netloc}"
    return parts.scheme or resource


def _classic(report):
    """report-uri's form: {"csp-report": {"document-uri": ..., ...}}."""
    return {
        "document": report.get("document-uri"),
        "directive": report.get("effective-directive") or report.get("violated-directive"),
        "blocked": report.get("blocked-uri", ""),
        "source_file": report.get("source-file", ""),
        "line_number": report.get("line-number", 0),
        "disposition": report.get("disposition", ""),
    }


def _reporting_api(body):
    """report-to's form: one report's body in the Reporting API's batch."""
    return {
        "document": body.get("documentURL"),
        "directive": body.get("effectiveDirective"),
        "blocked": body.get("blockedURL", ""),
        "source_file": body.get("sourceFile", ""),
        "line_number": body.get("lineNumber", 0),
        "disposition": body.get("disposition", ""),
    }


def _violations(payload):
    """The violations in a report, or None when it is not one."""
    if isinstance(payload, dict) and isinstance(payload.get("csp-report"), dict):
        return [_classic(payload["csp-report"])]
    if isinstance(payload, list) and all(isinstance(item, dict) for item in payload):
        return [
            _reporting_api(item["body"])
            for item in payload
            if item.get("type") == "csp-violation" and isinstance(item.get("body"), dict)
        ]
    return None


def _cleaned(violation):
    document, directive = violation["document"], violation["directive"]
    if not (isinstance(document, str) and document and isinstance(directive, str) and directive):
        return None
    line = violation["line_number"]
    return {
        "document": _without_query(document)[:500],
        "directive": directive[:100],
        "blocked": _blocked(str(violation["blocked"] or ""))[:300],
        "source_file": _without_query(str(violation["source_file"] or ""))[:500],
        "line_number": line if isinstance(line, int) and 0 <= line < 2**31 else 0,
        "disposition": str(violation["disposition"] or "")[:20],
    }


def _record(violation):
    kind = {name: value for name, value in violation.items() if name != "disposition"}
    defaults = {"disposition": violation["disposition"], "count": 1}
    try:
        with transaction.atomic():
            kept, created = CspViolation.objects.get_or_create(**kind, defaults=defaults)
    except IntegrityError:  # the same kind, reported at the same moment by another browser
        kept, created = CspViolation.objects.get(**kind), False
    if not created:
        CspViolation.objects.filter(pk=kept.pk).update(
            count=F("count") + 1, last_seen=timezone.now()
        )


@csrf_exempt
@require_POST
def csp_report(request):
    """Browsers' CSP violation reports (report-uri and report-to), limited per visitor."""
    if not allow_visitor(request, "csp-report", settings.CSP_REPORTS_PER_VISITOR_PER_HOUR, 60 * 60):
        return HttpResponse(status=429)
    if request.content_type not in REPORT_CONTENT_TYPES:
        return HttpResponseBadRequest("Not a report.")
    declared_length = request.META.get("CONTENT_LENGTH") or "0"
    if not declared_length.isdigit() or int(declared_length) > MAX_REPORT_BYTES:
        return HttpResponseBadRequest("Too long.")
    if len(request.body) > MAX_REPORT_BYTES:
        return HttpResponseBadRequest("Too long.")
    try:
        violations = _violations(json.loads(request.body))
    except ValueError:
        violations = None
    cleaned = [_cleaned(violation) for violation in violations or []]
    if not cleaned or None in cleaned:
        return HttpResponseBadRequest("Not a report.")
    for violation in cleaned:
        _record(violation)
    return HttpResponse(status=204)
