"""The digests' settings, each with a default; override any as DIGESTS_<NAME>."""

import datetime

from django.conf import settings

DEFAULTS = {
    # How often members who never opened their subscriptions page hear of what they watch.
    "FORUM_FREQUENCY": "daily",
    # Members per batch task: one SMTP connection and a fixed number of queries each.
    "BATCH_SIZE": 500,
    # Funding rounds closing within this many days come in the funding-deadline section.
    "DEADLINE_DAYS": 14,
    # Items listed in one section of an e-mail; the rest are a link away.
    "SECTION_LIMIT": 20,
    # A claim older than this is taken to belong to a worker that is gone (above Redis'
    # visibility timeout, after which Celery redelivers the task itself).
    "CLAIM_STALE_AFTER": datetime.timedelta(hours=2),
    # Retries of a batch whose mail server could not be reached, waiting 1, 2, 4 ... minutes.
    "MAX_RETRIES": 6,
    "RETRY_BACKOFF": 60,
}


def setting(name):
    return getattr(settings, f"DIGESTS_{name}", DEFAULTS[name])


def journal_url() -> str:
    """The Redis that keeps the per-message sending journal: DIGESTS_JOURNAL_URL, else the
    Celery broker when it is Redis. Empty: the journal is kept in the database instead."""
    url = getattr(settings, "DIGESTS_JOURNAL_URL", "") or settings.CELERY_BROKER_URL
    return url if url.startswith(("redis://", "rediss://")) else ""
