import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from linkcheck.models import Link
from linkcheck.outcomes import Outcome
from tests.factories import OrganisationFactory

from .servers import Route

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_delay(settings):
    settings.LINKCHECK_HOST_DELAY = 0
    settings.LINKCHECK_RETRY_DELAY = 0


def run(*args):
    out = StringIO()
    call_command("checklinks", *args, stdout=out)
    return out.getvalue().splitlines()


def test_checklinks_with_urls_checks_them_without_storing_new_ones(http_server):
    server = http_server(
        {"/ok": Route(200), "/gone": Route(410), "/old": Route(301, headers={"Location": "/ok"})}
    )
    lines = run(server.url("/ok"), server.url("/gone"), server.url("/old"))
    assert len(lines) == 4
    assert lines[0].startswith("Working") and server.url("/ok") in lines[0]
    assert lines[1].startswith("Broken") and "HTTP 410" in lines[1] and "(not stored)" in lines[1]
    assert "suggest " + server.url("/ok") in lines[2]
    assert lines[3].startswith("Checked 3 links in ")
    assert "2 working, 1 broken, 0 could not verify" in lines[3]
    assert not Link.objects.exists()


def test_checklinks_checks_due_links_and_saves_the_results(http_server):
    server = http_server({"/due": Route(200), "/later": Route(200), "/gone": Route(404)})
    for path in ("/due", "/later", "/gone"):
        OrganisationFactory(website=server.url(path))
    Link.objects.filter(url=server.url("/later")).update(
        next_check_due=timezone.now() + datetime.timedelta(days=2)
    )
    lines = run()
    assert len(lines) == 3
    assert "failed 1 time(s) in a row; not yet broken" in lines[1] or any(
        "not yet broken" in line for line in lines
    )
    assert lines[-1].endswith("1 failing but not yet called broken.")
    assert Link.objects.get(url=server.url("/due")).outcome == Outcome.WORKING
    assert server.hits("/later") == []
    assert run("--all")[-1].startswith("Checked 3 links")
    assert server.hits("/later") == ["HEAD"]


def test_checklinks_says_when_nothing_is_due():
    assert run() == ["No links to check."]


def test_linkreport_prints_a_summary_by_owner():
    council = OrganisationFactory(name="Borough of Example", short_name="Example")
    link = Link.objects.get(url=council.website)
    link.outcome = Outcome.BROKEN
    link.first_failed_at = timezone.now()
    link.save()
    OrganisationFactory(website="https://other.example.org/")
    out = StringIO()
    call_command("linkreport", "--broken", stdout=out)
    text = out.getvalue()
    assert text.startswith("2 links on the site")
    assert "Broken                 1" in text
    assert "Example" in text
    assert f"Example: Borough of Example (website) {council.website} broken since" in text
