"""E-mail digests name a forum post's author as the privacy notice says: by the name they
post under, never with their organisations (which only the forum pages show)."""

import pytest

from digests.models import Frequency, Subscriber
from forums.models import Watch
from tests.factories import OrganisationFactory, PartnerEditorFactory, UserFactory
from tests.forums.factories import CategoryFactory, add_replies, start_thread

from .conftest import ago
from .test_sending import run_daily

pytestmark = pytest.mark.django_db

ORGANISATION = "Quillbury Borough Council"


@pytest.fixture
def partner(db):
    organisation = OrganisationFactory(name=ORGANISATION, slug="quillbury")
    return PartnerEditorFactory(full_name="Pat Partner", organisations=[organisation])


def test_digests_name_the_author_only(sink, partner):
    forum = CategoryFactory()
    watcher = UserFactory(email="watcher@example.org")
    Subscriber.objects.create(member=watcher, forum_frequency=Frequency.DAILY)
    thread = start_thread(forum, title="Kiosk roll-out", now=ago(days=3))
    Watch.objects.create(user=watcher, thread=thread)
    add_replies(thread, 1, authors=[partner], body="Our kiosks work.", start=ago(hours=2))

    run_daily()

    [message] = sink.to("watcher@example.org")
    for kind in ("plain", "html"):
        body = message.get_body(preferencelist=(kind,)).get_content()
        assert "Pat Partner" in body
        assert ORGANISATION not in body
