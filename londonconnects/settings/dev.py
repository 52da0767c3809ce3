"""The embedded defaults for `make run`: SQLite, eager Celery, local-memory cache."""

from .base import *  # noqa: F403
from .base import env

DEBUG = env.bool("DEBUG", default=True)
