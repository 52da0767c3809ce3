"""Settings of the real Celery worker that tests/papers/test_extraction_limits.py starts: the
test settings with the test's own MEDIA_ROOT (the worker reads the file the test saved) and
a queue of its own (other tests' workers may share the Redis)."""

import os

from londonconnects.settings.test import *  # noqa: F403

MEDIA_ROOT = os.environ["MEDIA_ROOT"]
CELERY_TASK_ALWAYS_EAGER = False
CELERY_TASK_DEFAULT_QUEUE = os.environ["PAPERS_TEST_QUEUE"]
