"""Settings of the real Celery worker that tests/digests/test_worker.py starts: the test
settings, with e-mail over SMTP to the test's own server, a queue of the test's own (other
tests' workers may share the Redis), and Redis' visibility timeout cut to seconds so that
the batch of a worker killed mid-run comes back soon, as it would after an hour."""

import os

from londonconnects.settings.test import *  # noqa: F403

EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
EMAIL_HOST = "127.0.0.1"
EMAIL_PORT = int(os.environ["DIGESTS_TEST_SMTP_PORT"])
EMAIL_USE_TLS = False
CELERY_TASK_ALWAYS_EAGER = False
CELERY_TASK_DEFAULT_QUEUE = os.environ["DIGESTS_TEST_QUEUE"]
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": 5,
    "unacked_restore_interval": 1,
    "unacked_restore_throttle": 1,
}
DIGESTS_BATCH_SIZE = int(os.environ.get("DIGESTS_TEST_BATCH_SIZE", "500"))
