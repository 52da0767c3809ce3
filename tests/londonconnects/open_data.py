"""For the open-data tests (feeds, exports, sitemaps).

`build_records()`: records of every public type, each beside one that must never be
published: a draft, a hidden thread, a private forum, a hidden opening post, a contact not
listed publicly. The hidden ones carry SECRET in their names and slugs, so a test can look
for it anywhere. `read_csv()` and `export_queries()` read exports as a spreadsheet would.
"""

import csv
import datetime
import io

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from contacts.models import Visibility
from forums.models import Category as ForumCategory
from forums.models import Post, PostStatus
from tests.eindex.factories import CategoryFactory as EindexCategoryFactory
from tests.eindex.factories import EntryFactory
from tests.events.factories import EventFactory
from tests.factories import ContactFactory, GroupFactory, LocalAuthorityFactory
from tests.forums.factories import CategoryFactory as ForumCategoryFactory
from tests.forums.factories import start_thread
from tests.funding.factories import FundingRoundFactory, FundingSourceFactory
from tests.papers.factories import PaperFactory
from tests.projects.factories import ProjectFactory

SECRET = "secret"


def build_records():
    borough = LocalAuthorityFactory(name="Open Data Borough", slug="open-data-borough")
    fund = FundingSourceFactory(name="Open fund", slug="open-fund", owner=borough)
    FundingRoundFactory(source=fund, name="Spring round")
    secret_fund = FundingSourceFactory(
        name="Secret fund", slug="secret-fund", owner=borough, is_published=False
    )
    FundingRoundFactory(source=secret_fund, name="Secret round")
    links = EindexCategoryFactory(name="Open links", slug="open-links")
    forum = ForumCategory.objects.public().first()
    private_forum = ForumCategoryFactory(
        name="Secret forum",
        slug="secret-forum",
        group=GroupFactory(name="Members’ group", slug="members-group"),
        members_only=True,
    )
    hidden_opening = start_thread(forum, title="Thread whose opening post is hidden")
    Post.objects.filter(thread=hidden_opening, position=1).update(
        status=PostStatus.HIDDEN, body="The secret opening post."
    )
    hidden_thread = start_thread(forum, title="Secret hidden thread", body="Secret words.")
    hidden_thread.is_hidden = True
    hidden_thread.save()
    return {
        "borough": borough,
        "project": ProjectFactory(title="Open project", slug="open-project"),
        "draft_project": ProjectFactory(
            title="Secret draft project", slug="secret-draft-project", is_published=False
        ),
        "fund": fund,
        "paper": PaperFactory(title="Open paper", slug="open-paper", publisher=borough),
        "draft_paper": PaperFactory(
            title="Secret paper", slug="secret-paper", publisher=borough, is_published=False
        ),
        "event": EventFactory(title="Open event", slug="open-event", organiser=borough),
        "draft_event": EventFactory(
            title="Secret event", slug="secret-event", organiser=borough, is_published=False
        ),
        "entry": EntryFactory(
            title="Open link",
            primary_category=links,
            owner=borough,
            added_on=timezone.localdate() - datetime.timedelta(days=1),
        ),
        "eindex_category": links,
        "contact": ContactFactory(name="Open Person", slug="open-person", organisation=borough),
        "partners_only_contact": ContactFactory(
            name="Secret Person",
            slug="secret-person",
            organisation=borough,
            listing_visibility=Visibility.PARTNERS,
        ),
        "lapsed_contact": ContactFactory(
            name="Secret Lapsed Person",
            slug="secret-lapsed-person",
            organisation=borough,
            review_by=timezone.localdate() - datetime.timedelta(days=1),
        ),
        "forum": forum,
        "thread": start_thread(forum, title="Open thread", body="Open words."),
        "hidden_opening": hidden_opening,
        "hidden_thread": hidden_thread,
        "private_forum": private_forum,
        "private_thread": start_thread(
            private_forum, title="Secret private thread", body="Secret private words."
        ),
    }


def read_csv(response):
    """The rows of a streamed CSV export, as dicts, checked for what Excel needs."""
    assert response.status_code == 200
    assert response.streaming, "exports are streamed, not built in memory"
    body = b"".join(response.streaming_content)
    assert body.startswith(b"\xef\xbb\xbf"), "UTF-8 with a byte-order mark for Excel"
    return list(csv.DictReader(io.StringIO(body.decode("utf-8-sig"), newline="")))


def export_queries(client, url):
    """The number of queries a whole export takes, its streamed rows included."""
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
        rows = sum(1 for _ in response.streaming_content)
    assert rows > 1
    return len(captured.captured_queries)
