"""Link checking in admin: details and "check now" for site administrators; broken links
by owner (with CSV) and moved addresses in front of the partner editors who own them."""

import csv
import io

import pytest
from django.urls import reverse
from django.utils import timezone

from linkcheck.models import Link
from linkcheck.outcomes import Outcome
from tests.factories import (
    GroupFactory,
    OrganisationFactory,
    PartnerEditorFactory,
    SuperUserFactory,
)

from .servers import Route

pytestmark = pytest.mark.django_db


def break_link(url):
    Link.objects.filter(url=url).update(
        outcome=Outcome.BROKEN, status_code=404, first_failed_at=timezone.now(),
        consecutive_failures=3,
    )  # fmt: skip


@pytest.fixture
def owners():
    camden = OrganisationFactory(name="Camden Test", website="https://camden.example.org/")
    newham = OrganisationFactory(name="Newham Test", website="https://newham.example.org/")
    GroupFactory(name="Camden club", convenor=camden, website="https://club.example.org/")
    for url in ("https://camden.example.org/", "https://newham.example.org/",
                "https://club.example.org/"):  # fmt: skip
        break_link(url)
    return camden, newham


def test_site_administrators_see_a_link_with_where_it_is_shown(client, admin_login, owners):
    admin_login(client, SuperUserFactory())
    link = Link.objects.get(url="https://club.example.org/")
    html = client.get(reverse("admin:linkcheck_link_change", args=[link.pk])).content.decode()
    assert "Camden club" in html and "Redirect chain" in html and "First seen broken" in html
    listing = client.get(reverse("admin:linkcheck_link_changelist") + "?outcome=broken")
    assert listing.status_code == 200 and "https://newham.example.org/" in listing.content.decode()


def test_check_now_checks_the_chosen_links(
    client, admin_login, http_server, settings, django_capture_on_commit_callbacks
):
    settings.LINKCHECK_HOST_DELAY = 0
    server = http_server({"/": Route(200)})
    OrganisationFactory(website=server.url("/"))
    link = Link.objects.get(url=server.url("/"))
    admin_login(client, SuperUserFactory())
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("admin:linkcheck_link_changelist"),
            {"action": "check_now", "_selected_action": [link.pk]},
            follow=True,
        )
    assert "1 link queued for checking now" in response.content.decode()
    link.refresh_from_db()
    assert link.outcome == Outcome.WORKING and link.last_checked_at is not None
    assert server.hits("/") == ["HEAD"]


def test_partner_editors_cannot_open_the_link_table(client, admin_login, owners):
    camden, _ = owners
    admin_login(client, PartnerEditorFactory(organisations=[camden]))
    assert client.get(reverse("admin:linkcheck_link_changelist")).status_code == 403


def test_broken_links_by_owner_for_a_site_administrator(client, admin_login, owners):
    admin_login(client, SuperUserFactory())
    html = client.get(reverse("admin:linkcheck_link_broken_by_owner")).content.decode()
    assert "3 broken links shown" in html
    assert html.index("Camden Test (2)") < html.index("Newham Test (1)")


def test_a_partner_editor_sees_only_their_broken_links(client, admin_login, owners):
    camden, _ = owners
    admin_login(client, PartnerEditorFactory(organisations=[camden]))
    html = client.get(reverse("admin:linkcheck_link_broken_by_owner")).content.decode()
    assert "camden.example.org" in html and "club.example.org" in html
    assert "newham.example.org" not in html


def test_broken_links_download_as_csv(client, admin_login, owners):
    admin_login(client, SuperUserFactory())
    response = client.get(reverse("admin:linkcheck_link_broken_by_owner") + "?format=csv")
    assert response["Content-Type"].startswith("text/csv")
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0][:5] == ["Owner", "Record", "Kind of record", "Field", "URL"]
    assert len(rows) == 4
    club_row = next(row for row in rows if row[1] == "Camden club")
    assert club_row[:5] == ["Camden Test", "Camden club", "group", "website", club_row[4]]
    assert club_row[4] == "https://club.example.org/"


def test_a_partner_editors_admin_home_lists_their_broken_links(client, admin_login, owners):
    camden, _ = owners
    admin_login(client, PartnerEditorFactory(organisations=[camden]))
    html = client.get(reverse("admin:index")).content.decode()
    assert "Your broken links" in html
    assert "https://camden.example.org/" in html and "https://club.example.org/" in html
    assert "https://newham.example.org/" not in html
    group = camden.convened_groups.get()
    assert reverse("admin:contacts_group_change", args=[group.pk]) in html


def test_a_site_administrators_admin_home_shows_the_totals(client, admin_login, owners):
    admin_login(client, SuperUserFactory())
    html = client.get(reverse("admin:index")).content.decode()
    assert "0 working, 3 broken, 0 could not verify, 0 not checked yet" in html
    assert reverse("admin:linkcheck_link_broken_by_owner") in html


def test_a_moved_address_is_offered_and_applied_for_the_owner(client, admin_login):
    camden = OrganisationFactory(website="https://old.example.org/")
    newham = OrganisationFactory()
    club = GroupFactory(convenor=newham, website="https://old.example.org/")
    Link.objects.filter(url="https://old.example.org/").update(
        outcome=Outcome.WORKING, suggested_url="https://new.example.org/"
    )
    editor = PartnerEditorFactory(organisations=[camden])
    admin_login(client, editor)
    home = client.get(reverse("admin:index")).content.decode()
    assert "now lives at https://new.example.org/" in home
    link = Link.objects.get(url="https://old.example.org/")
    response = client.post(
        reverse("admin:linkcheck_link_use_suggestion", args=[link.pk]),
        {"next": reverse("admin:index")},
        follow=True,
    )
    assert "Updated 1 record to https://new.example.org/." in response.content.decode()
    camden.refresh_from_db()
    club.refresh_from_db()
    assert camden.website == "https://new.example.org/"
    assert club.website == "https://old.example.org/"  # not this editor's to change


def test_a_moved_address_cannot_be_applied_by_someone_who_owns_none_of_it(client, admin_login):
    camden = OrganisationFactory(website="https://old.example.org/")
    Link.objects.filter(url=camden.website).update(suggested_url="https://new.example.org/")
    admin_login(client, PartnerEditorFactory(organisations=[OrganisationFactory()]))
    link = Link.objects.get(url=camden.website)
    response = client.post(reverse("admin:linkcheck_link_use_suggestion", args=[link.pk]))
    assert response.status_code == 403
    camden.refresh_from_db()
    assert camden.website == "https://old.example.org/"


def test_an_address_with_braces_in_its_redirect_chain_is_shown_as_text(client, admin_login):
    OrganisationFactory(name="Brace Test", website="https://braces.example.org/")
    link = Link.objects.get(url="https://braces.example.org/")
    link.redirect_chain = [
        {"status": 301, "url": "https://braces.example.org/{0}/{name}?q=}{"},
        {"status": 302, "url": "https://braces.example.org/<script>alert(1)</script>"},
    ]
    link.save()
    admin_login(client, SuperUserFactory())

    response = client.get(reverse("admin:linkcheck_link_change", args=[link.pk]))

    assert response.status_code == 200
    html = response.content.decode()
    assert "<li>301 → https://braces.example.org/{0}/{name}?q=}{</li>" in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<script>alert(1)</script>" not in html
