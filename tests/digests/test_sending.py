"""Daily digests built and sent over SMTP to a real server on 127.0.0.1: the message, its
headers and parts, the right items and no others; exactly once; nothing when nothing is new;
no e-mail for suspended members or unverified addresses; one connection per batch."""

import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone

from digests.models import Delivery, DeliveryStatus, Frequency, Run
from digests.tasks import plan, send_digest_batch, start_run
from forums.models import Suspension
from tests.factories import UserFactory
from tests.projects.factories import ProjectFactory

from .conftest import ago, follower

pytestmark = pytest.mark.django_db


def run_daily(now=None):
    run = start_run(Frequency.DAILY, now=now)
    for batch in plan(run):
        send_digest_batch.apply(args=(run.pk, batch)).get()
    return Run.objects.with_counts().get(pk=run.pk)


def test_a_daily_digest_holds_the_new_records_on_the_members_topics(sink, topic, other_topic):
    member = follower(topic, email="officer@newham.example", full_name="Olu Officer")
    wanted = ProjectFactory(title="Online consultation pilot", topics=[topic])
    ProjectFactory(title="Smart card rollout", topics=[other_topic])  # another topic
    ProjectFactory(title="Draft e-voting trial", topics=[topic], is_published=False)
    old = ProjectFactory(title="Old e-petitions", topics=[topic])
    type(old).objects.filter(pk=old.pk).update(updated_at=ago(days=3))

    run = run_daily()

    assert (run.members, run.sent, run.skipped, run.failed) == (1, 1, 0, 0)
    [message] = sink.to("officer@newham.example")
    assert message["Subject"] == "Your daily LondonConnects digest: 1 new item"
    unsubscribe = str(message["List-Unsubscribe"]).strip()  # a long header may be folded
    assert unsubscribe.startswith("<http://127.0.0.1:8000/digests/unsubscribe/")
    assert unsubscribe.endswith("/>")
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    text = message.get_body(preferencelist=("plain",)).get_content()
    html = message.get_body(preferencelist=("html",)).get_content()
    for part in (text, html):
        assert "Online consultation pilot" in part
        assert wanted.get_absolute_url() in part
        assert "Smart card rollout" not in part
        assert "Draft e-voting trial" not in part
        assert "Old e-petitions" not in part
        assert "/accounts/subscriptions/" in part
        assert unsubscribe[1:-1] in part
    assert "Projects (1)" in html and "PROJECTS (1)" in text
    assert "<img" not in html  # nothing that needs images to be read
    assert "Hello Olu Officer" in html
    delivery = Delivery.objects.get(member=member)
    assert delivery.status == DeliveryStatus.SENT
    assert delivery.summary["sections"] == {"topic_projects": 1}


def test_the_same_period_twice_sends_nothing_the_second_time(sink, topic):
    follower(topic, email="once@example.org")
    ProjectFactory(topics=[topic])
    first = run_daily()
    ProjectFactory(topics=[topic])  # new since, but this period's digest has gone
    second = run_daily()
    assert first.pk == second.pk
    assert len(sink.to("once@example.org")) == 1
    assert Delivery.objects.count() == 1
    call_command("send_digests", frequency="daily", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert len(sink.to("once@example.org")) == 1


def test_nothing_new_sends_nothing(sink, topic):
    member = follower(topic)
    old = ProjectFactory(topics=[topic])
    type(old).objects.filter(pk=old.pk).update(updated_at=ago(days=3))
    run = run_daily()
    assert sink.count == 0
    assert (run.members, run.sent, run.skipped) == (1, 0, 1)
    assert Delivery.objects.get(member=member).status == DeliveryStatus.SKIPPED


def test_suspended_members_and_unverified_addresses_get_nothing(sink, topic):
    follower(topic, email="fine@example.org")
    suspended = follower(topic, email="suspended@example.org")
    Suspension.objects.create(
        member=suspended, ends_at=timezone.now() + datetime.timedelta(days=3), reason="Spam."
    )
    follower(topic, email="unverified@example.org", verified_email=False)
    ProjectFactory(topics=[topic])
    run = run_daily()
    assert [m["To"] for m in sink.messages] == ["fine@example.org"]
    assert run.members == 1
    assert not Delivery.objects.filter(member=suspended).exists()


def test_the_next_digest_starts_where_the_last_ended(sink, topic):
    follower(topic, email="daily@example.org")
    ProjectFactory(title="Yesterday's news", topics=[topic])
    run_daily(now=timezone.now())
    ProjectFactory(title="Today's news", topics=[topic])
    run_daily(now=timezone.now() + datetime.timedelta(days=1))
    first, second = sink.to("daily@example.org")
    assert "Yesterday's news" in first.get_body(("plain",)).get_content()
    text = second.get_body(("plain",)).get_content()
    assert "Today's news" in text and "Yesterday's news" not in text


def test_a_batch_uses_one_smtp_connection(sink, topic, settings):
    settings.DIGESTS_BATCH_SIZE = 50
    for n in range(12):
        follower(topic, email=f"member{n}@example.org")
    ProjectFactory(topics=[topic])
    run = run_daily()
    assert run.sent == 12 and sink.count == 12
    assert len(sink.sessions) == 1


def test_the_command_runs_the_job_and_says_what_it_did(sink, topic, capsys):
    follower(topic)
    follower(topic)
    ProjectFactory(topics=[topic])
    call_command("send_digests", frequency="daily")
    out = capsys.readouterr().out
    assert "Daily digest" in out and "2 members, 2 sent, 0 with nothing new, 0 failed" in out
    assert sink.count == 2


def test_members_without_an_address_on_file_are_not_reached(sink, topic):
    member = follower(topic, email="left@example.org")
    member.is_active = False
    member.save()
    UserFactory()  # follows nothing
    ProjectFactory(topics=[topic])
    assert run_daily().members == 0
