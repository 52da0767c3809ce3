"""A 20,000-row export is streamed: the memory it takes stays under a fixed bound, far below
the size of the CSV it sends, and its queries grow by a fixed number per chunk of rows, never
per row. The e-index export needs related rows of each kind an export may: a foreign key
(category, owner), many-to-many (other categories), tags (topics) and link health."""

import datetime
import math
import tracemalloc

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from taggit.models import Tag, TaggedItem

from eindex import views
from eindex.models import Entry
from tests.eindex.factories import CategoryFactory
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db

ROWS = 20_000
MEMORY_BOUND = 6 * 1024 * 1024
EXPORT = reverse("eindex:export")


@pytest.fixture
def many_entries(db):
    """20,000 links, each also filed under a second category and carrying a topic: bulk-made."""
    categories = [CategoryFactory() for _ in range(4)]
    owners = [OrganisationFactory() for _ in range(5)]
    added = datetime.date(2005, 1, 1)
    Entry.objects.bulk_create(
        (
            Entry(
                title=f"Useful page {n:05d} – good practice",
                url=f"https://pages{n % 50}.example.org/guidance/{n}/",
                description=f"Page {n}: " + "how London's councils share what works. " * 6,
                primary_category=categories[n % 4],
                owner=owners[n % 5],
                added_on=added,
            )
            for n in range(ROWS)
        ),
        batch_size=2000,
    )
    ids = list(Entry.objects.values_list("pk", flat=True))
    Entry.other_categories.through.objects.bulk_create(
        (
            Entry.other_categories.through(entry_id=pk, category=categories[(pk + 1) % 4])
            for pk in ids
        ),
        batch_size=5000,
    )
    topics = [Tag.objects.create(name=f"topic {n}", slug=f"topic-{n}") for n in range(4)]
    content_type = ContentType.objects.get_for_model(Entry)
    TaggedItem.objects.bulk_create(
        (TaggedItem(tag=topics[pk % 4], content_type=content_type, object_id=pk) for pk in ids),
        batch_size=5000,
    )
    return ids


def consume(response):
    """(bytes sent, rows sent) as the response streams, as a web server would send it."""
    size = rows = 0
    for chunk in response.streaming_content:
        size += len(chunk)
        rows += 1
    return size, rows


def test_a_20000_row_export_streams_in_fixed_memory_and_queries_per_chunk(client, many_entries):
    tracemalloc.start()
    try:
        response = client.get(EXPORT)
        assert response.streaming
        size, rows = consume(response)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert rows == ROWS + 1  # the header and every link
    assert size > 8 * 1024 * 1024
    assert peak < MEMORY_BOUND, f"the export took {peak / 2**20:.1f} MiB"
    # Holding the CSV, or the 20,000 entries, would take more than the whole file.
    assert peak < size * 2 / 3, f"peak {peak / 2**20:.1f} MiB for a {size / 2**20:.1f} MiB CSV"

    with CaptureQueriesContext(connection) as captured:
        assert consume(client.get(EXPORT)) == (size, rows)
    chunks = math.ceil(ROWS / views.EXPORT_CHUNK)
    # Per chunk: its other categories, its topics and its links' health.
    assert len(captured.captured_queries) <= 3 * chunks + 10
