"""What a check can conclude. Plain choices, importable without the app registry, so the
checker and the benchmark use the same words as the database."""

from django.db import models


class Outcome(models.TextChoices):
    UNCHECKED = "unchecked", "Not checked yet"
    WORKING = "working", "Working"
    BROKEN = "broken", "Broken"
    # The far end answered but would not let a robot see the page (401, 403, 429 ...):
    # a site that blocks robots is not dead.
    UNVERIFIED = "unverified", "Could not verify"


class ErrorKind(models.TextChoices):
    DNS = "dns", "Name not found (DNS)"
    CONNECT = "connect", "Connection refused or dropped"
    TLS = "tls", "Secure connection (TLS) failed"
    TIMEOUT = "timeout", "Timed out"
    HTTP_STATUS = "http_status", "HTTP status"
    TOO_MANY_REDIRECTS = "too_many_redirects", "Too many redirects"
    TOO_LARGE = "too_large", "Response too large"
    BLOCKED = "blocked", "Private or reserved address (not checked)"
    INVALID = "invalid", "Not a web address the checker can fetch"
