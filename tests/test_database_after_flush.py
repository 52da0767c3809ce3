"""Transactional tests empty the database when they end (browser tests, real-worker tests).
The tests after them on the same xdist worker must still find what the migrations seeded."""

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command

from eindex.models import Category as EindexCategory
from forums.models import Category as ForumCategory
from funding.models import ApplicantKind
from projects.models import Programme


def _seeded():
    return {
        "forum themes": ForumCategory.objects.filter(slug="e-democracy").count(),
        "e-index headings": EindexCategory.objects.filter(parent=None).count(),
        "programmes": Programme.objects.count(),
        "applicant kinds": ApplicantKind.objects.count(),
        "role groups": Group.objects.filter(name="Partner editors").count(),
    }


@pytest.mark.django_db(transaction=True)
def test_a_flush_leaves_the_rows_the_migrations_seed():
    before = _seeded()
    assert all(before.values()), before

    call_command("flush", interactive=False, verbosity=0)

    assert _seeded() == before
