import pytest
from django.core.management import call_command
from django.utils import timezone
from haystack.query import SearchQuerySet

from contacts.reference_data import load_reference_data
from eindex.models import Entry
from linkcheck.checker import CheckResult
from linkcheck.models import Link
from linkcheck.outcomes import Outcome
from linkcheck.recording import record_results

from .factories import EntryFactory

pytestmark = pytest.mark.django_db


def test_an_entry_is_indexed_with_its_stored_fields(
    search_index, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        entry = EntryFactory(
            title="Quixotic gazetteer standard", description="Addresses for everyone."
        )
    (result,) = SearchQuerySet().auto_query("quixotic")
    assert result.title == "Quixotic gazetteer standard"
    assert result.url == entry.get_absolute_url()
    assert result.url.endswith(f"#entry-{entry.pk}")
    assert result.summary == "Addresses for everyone."
    assert result.kind == "E-index link"


def test_a_working_check_marks_the_entry_verified():
    entry = EntryFactory()
    assert entry.last_verified_on is None
    record_results({entry.url: CheckResult(entry.url, Outcome.WORKING, status_code=200)})
    entry.refresh_from_db()
    assert entry.last_verified_on == timezone.localdate()


def test_the_demo_seeder_is_idempotent_and_fetches_nothing(settings):
    settings.LINKCHECK_CHECK_ON_SAVE = True  # even so: seeding defers every check
    load_reference_data()
    call_command("seed_demo", scale=1, verbosity=0)
    count = Entry.objects.count()
    assert count >= 20
    call_command("seed_demo", scale=1, verbosity=0)
    assert Entry.objects.count() == count
    # The fictional links carry made-up results; the real ones are not checked yet.
    fictional = Link.objects.filter(host__regex=r"\.example\.(org|com|net)$")
    assert fictional.filter(outcome=Outcome.BROKEN).exists()
    assert fictional.filter(outcome=Outcome.WORKING).exclude(redirect_chain=[]).exists()
    real = Link.objects.get(url="https://www.legislation.gov.uk/ukpga/2000/36/contents")
    assert real.outcome == Outcome.UNCHECKED and real.last_checked_at is None
    assert (
        not Link.objects.filter(last_checked_at__isnull=False)
        .exclude(host__regex=r"\.example\.(org|com|net)$")
        .exists()
    )
    call_command("seed_demo", scale=2, verbosity=0)
    assert Entry.objects.count() == count + 20
