"""The admin: the last runs with their counts, every delivery with a failed one sent again,
and a preview of any member's next digest (the HTML part as it would be sent)."""

import pytest
from django.urls import reverse

from digests.models import Delivery, DeliveryStatus, Frequency
from digests.tasks import plan, send_digest_batch, start_run
from tests.factories import SuperUserFactory, UserFactory
from tests.projects.factories import ProjectFactory

from .conftest import follower

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, admin_login):
    return admin_login(client, SuperUserFactory())


def test_runs_are_listed_with_their_counts(admin_client, sink, topic):
    follower(topic)
    follower(topic)
    quiet = follower(topic)
    sink.refuse.add("nobody@example.org")
    ProjectFactory(topics=[topic])
    run = start_run(Frequency.DAILY)
    [batch] = plan(run)
    Delivery.objects.create(
        member=quiet, kind=run.kind, period=run.period, run=run, since=run.until,
        until=run.until, status=DeliveryStatus.FAILED, error="Refused",
    )  # fmt: skip
    send_digest_batch.apply(args=(run.pk, batch)).get()
    html = admin_client.get(reverse("admin:digests_run_changelist")).content.decode()
    assert f"Daily digest, {run.period}" in html
    cells = [c for c in html.split("<td") if "field-" in c]
    counts = {
        name: next(c for c in cells if f"field-{name}" in c).split(">", 1)[1].split("<")[0]
        for name in ("planned", "sent", "skipped", "failed")
    }
    assert counts == {"planned": "3", "sent": "2", "skipped": "0", "failed": "1"}


def test_a_preview_shows_a_members_next_digest_without_sending_it(admin_client, sink, topic):
    member = follower(topic, email="preview@example.org")
    ProjectFactory(title="Previewed project", topics=[topic])
    url = reverse("admin:digests_preview") + "?email=preview@example.org&kind=daily"
    html = admin_client.get(url).content.decode()
    assert "Your daily LondonConnects digest: 1 new item" in html
    assert "Previewed project" in html
    html_part = admin_client.get(
        reverse("admin:digests_preview_html") + "?email=preview@example.org&kind=daily"
    )
    assert html_part.status_code == 200
    assert b"Previewed project" in html_part.content
    assert "'unsafe-inline'" in html_part["Content-Security-Policy"]
    assert sink.count == 0 and not Delivery.objects.filter(member=member).exists()


def test_a_preview_says_when_a_member_gets_nothing(admin_client, topic):
    UserFactory(email="unverified@example.org", verified_email=False)
    url = reverse("admin:digests_preview") + "?email=unverified@example.org&kind=daily"
    assert "gets no e-mail" in admin_client.get(url).content.decode()
    follower(topic, email="quiet@example.org")
    url = reverse("admin:digests_preview") + "?email=quiet@example.org&kind=daily"
    assert "Nothing new for" in admin_client.get(url).content.decode()


def test_failed_deliveries_are_sent_again_from_the_admin(
    admin_client, sink, topic, django_capture_on_commit_callbacks
):
    member = follower(topic, email="retry@example.org")
    ProjectFactory(topics=[topic])
    run = start_run(Frequency.DAILY)
    failed = Delivery.objects.create(
        member=member, kind=run.kind, period=run.period, run=run,
        since=run.until.replace(year=run.until.year - 1), until=run.until,
        status=DeliveryStatus.FAILED, error="Could not send",
    )  # fmt: skip
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            reverse("admin:digests_delivery_changelist"),
            {"action": "send_again", "_selected_action": [failed.pk]},
            follow=True,
        )
    assert "1 e-mail queued to be sent again." in response.content.decode()
    failed.refresh_from_db()
    assert failed.status == DeliveryStatus.SENT and failed.attempts == 1
    assert len(sink.to("retry@example.org")) == 1


def test_partner_editors_do_not_see_the_digests_admin(client, admin_login):
    from tests.factories import PartnerEditorFactory

    editor = admin_login(client, PartnerEditorFactory())
    assert editor.get(reverse("admin:digests_run_changelist")).status_code == 403
    assert editor.get(reverse("admin:digests_preview")).status_code == 403


def test_the_preview_link_carries_the_address_encoded(admin_client, sink, topic):
    """An address with "+" or "&" in it reaches the preview whole, not cut or changed."""
    from digests.models import Subscriber
    from tests.londonconnects.html import elements

    member = follower(topic, email="lee+digests&x=1@example.org")
    ProjectFactory(title="Previewed project", topics=[topic])
    listing = admin_client.get(reverse("admin:digests_subscriber_changelist")).content.decode()
    [link] = [
        a["attrs"]["href"]
        for a in elements(listing, "a")
        if a["attrs"].get("href", "").startswith(reverse("admin:digests_preview"))
    ]
    assert Subscriber.objects.filter(member=member).exists()
    html = admin_client.get(link + "&kind=daily").content.decode()
    assert "No member has this e-mail address" not in html
    assert "Previewed project" in html
