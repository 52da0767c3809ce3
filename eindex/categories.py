"""The category tree the partnership set, as the data migration 0002 creates it."""

import importlib

from django.apps import apps


def ensure_default_categories():
    """Create the seeded headings if they are missing: a flushed database (the browser tests'
    transactional runs) loses rows that a migration made. Existing categories are kept."""
    migration = importlib.import_module("eindex.migrations.0002_seed_categories")
    migration.seed(apps, None)
