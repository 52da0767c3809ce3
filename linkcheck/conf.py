"""The link checker's settings, each with a default; override any as LINKCHECK_<NAME>."""

import datetime

from django.conf import settings

DEFAULTS = {
    # Addresses the SSRF guard lets through (CIDRs); from the environment, empty by default.
    "ALLOWED_NETWORKS": [],
    # Ports the checker connects to, single ("8443") or ranges ("8000-8099"); the web's only.
    "ALLOWED_PORTS": ["80", "443"],
    # Queue a check on the priority queue when a record's URL is added or changed.
    "CHECK_ON_SAVE": True,
    "CONCURRENCY": 100,  # requests in flight at once, over all hosts
    "PER_HOST": 2,  # requests in flight at once to one host
    "HOST_DELAY": 0.5,  # seconds between the starts of two requests to one host
    "TIMEOUT": 10.0,  # seconds for each of connect, read and write
    "MAX_REDIRECTS": 10,
    "MAX_BODY_BYTES": 2 * 1024 * 1024,
    "RETRIES": 1,  # further attempts after a 5xx or a dropped connection, in one check
    "RETRY_DELAY": 1.0,
    "MAX_HOST_PAUSE": 30.0,  # longest Retry-After waited out in a run; longer defers the host
    # The flap rule: broken only after this many failed checks in a row, spread over at
    # least this long.
    "BROKEN_AFTER_FAILURES": 3,
    "BROKEN_AFTER": datetime.timedelta(hours=36),
    "RECHECK_INTERVAL": datetime.timedelta(days=7),  # a working (or unverified) link
    "RETRY_INTERVAL": datetime.timedelta(hours=20),  # a failing link, until confirmed
    "MAX_BACKOFF": datetime.timedelta(days=14),  # a confirmed broken link, doubling to this
    "SWEEP_WINDOW": datetime.timedelta(minutes=45),  # under Redis' visibility timeout (1 h)
    "SWEEP_BATCH_SIZE": 200,
}


def setting(name):
    return getattr(settings, f"LINKCHECK_{name}", DEFAULTS[name])


def user_agent():
    site = getattr(settings, "SITE_URL", "").rstrip("/")
    return (
        f"LondonConnectsLinkChecker/1.0 (+{site}/e-index/link-health/; "
        "checks the links listed on LondonConnects)"
    )
