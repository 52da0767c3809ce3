"""The site's own pages and the layout every page shares."""

import re

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from contacts.models import Contact, Organisation
from core import registry
from tests.factories import ContactFactory, OrganisationFactory, UserFactory

from .html import assert_sound_page, elements, text_of

pytestmark = pytest.mark.django_db

SITE_PAGES = ["/", "/about/", "/accessibility/", "/privacy/", "/search/"]


@pytest.mark.parametrize("path", SITE_PAGES)
def test_site_pages_answer_in_the_layout(client, path):
    response = client.get(path)
    assert response.status_code == 200
    assert_sound_page(response)


@pytest.mark.parametrize("path", SITE_PAGES)
def test_pages_have_no_inline_style_and_only_the_one_nonced_script(client, path):
    response = client.get(path)
    html = response.content.decode()
    assert not re.search(r"\sstyle\s*=", html)
    inline_scripts = [s for s in elements(html, "script") if "src" not in s["attrs"]]
    assert len(inline_scripts) == 1
    nonce = inline_scripts[0]["attrs"]["nonce"]
    assert nonce and f"'nonce-{nonce}'" in response.headers["Content-Security-Policy"]


def test_content_security_policy_forbids_inline_code(client):
    policy = client.get("/").headers["Content-Security-Policy"]
    directives = {part.split()[0]: part.split()[1:] for part in policy.split(";") if part.strip()}
    assert any(source.startswith("'nonce-") for source in directives["script-src"])
    assert "'unsafe-inline'" not in policy
    assert directives["style-src"] == ["'self'"]


def test_layout_loads_the_built_assets_as_modules(client):
    html = client.get("/").content.decode()
    assert elements(html, "link", rel="stylesheet", href="/static/build/css/main.css")
    (module,) = elements(html, "script", type="module")
    assert module["attrs"]["src"] == "/static/build/js/application.mjs"
    assert module["attrs"]["data-govuk-frontend"] == "/static/build/js/govuk-frontend.min.js"


def test_header_has_the_name_and_the_registered_sections(client):
    html = client.get("/about/").content.decode()
    (home_link,) = elements(html, "a", class_="govuk-generic-header__homepage-link")
    assert home_link["text"].startswith("LondonConnects") and home_link["attrs"]["href"] == "/"
    (menu,) = elements(html, "nav", **{"aria-label": "Menu"})
    assert elements(html, "button", class_="govuk-service-navigation__toggle")
    nav_links = [a["text"] for a in elements(html, "a", class_="govuk-service-navigation__link")]
    expected = [s.label for s in registry.sections() if s.in_navigation]
    assert nav_links == expected
    assert {"Organisations", "Contacts", "Search"} <= set(nav_links)


def test_current_section_is_marked_in_the_navigation(client):
    html = client.get("/search/").content.decode()
    (current,) = elements(
        html, "a", class_="govuk-service-navigation__link", **{"aria-current": "true"}
    )
    assert current["text"] == "Search"


def test_phase_banner_and_footer_links(client):
    html = client.get("/").content.decode()
    (banner,) = elements(html, "div", class_="govuk-phase-banner")
    assert banner["text"].startswith("Beta")
    assert elements(html, "a", class_="govuk-link", href="/about/#contact")
    footer_links = {a["attrs"]["href"] for a in elements(html, "a", class_="govuk-footer__link")}
    assert {"/about/", "/accessibility/", "/privacy/"} <= footer_links
    assert "Open Government Licence v3.0" in text_of(html)
    assert "Crown copyright" not in html
    assert "govuk-footer__crown" not in html


def test_visitor_is_offered_sign_in_and_sign_up(client):
    html = client.get("/").content.decode()
    links = {
        a["text"]: a["attrs"]["href"] for a in elements(html, "a", class_="lc-account-nav__link")
    }
    assert links == {
        "Sign in": reverse("account_login"),
        "Create an account": reverse("account_signup"),
    }


def test_signed_in_user_sees_their_account_and_signs_out_with_a_post(client):
    client.force_login(UserFactory())
    html = client.get("/").content.decode()
    links = {
        a["text"]: a["attrs"]["href"] for a in elements(html, "a", class_="lc-account-nav__link")
    }
    assert links == {"Your account": reverse("accounts:profile")}
    (form,) = elements(html, "form", class_="lc-account-nav__form")
    assert form["attrs"]["method"] == "post" and form["attrs"]["action"] == reverse(
        "account_logout"
    )
    assert elements(html, "input", type="hidden", name="csrfmiddlewaretoken")


def test_messages_show_as_notification_banners(client):
    client.force_login(UserFactory())
    response = client.post(reverse("account_logout"), follow=True)
    html = response.content.decode()
    (banner,) = elements(html, "div", class_="govuk-notification-banner")
    assert "You have signed out." in banner["text"]
    assert not elements(html, "a", class_="lc-account-nav__link", href=reverse("accounts:profile"))


def test_breadcrumbs_lead_home_and_mark_the_current_page(client):
    html = client.get("/privacy/").content.decode()
    (trail,) = elements(html, "nav", class_="govuk-breadcrumbs")
    assert elements(html, "a", class_="govuk-breadcrumbs__link", href="/")
    (current,) = elements(html, "li", **{"aria-current": "page"})
    assert current["text"] == "Privacy notice"


def test_home_page_says_what_londonconnects_is_and_offers_search(client):
    html = client.get("/").content.decode()
    words = text_of(html)
    assert "pan-London public-sector partnership" in words
    for partner in ("33 London local authorities", "Metropolitan Police", "Transport for London"):
        assert partner in words
    forms = elements(html, "form", action="/search/", method="get")
    assert forms
    assert elements(html, "input", name="q", type="search")


def test_home_page_shows_section_counts_and_latest_items(client):
    camden = OrganisationFactory(name="Camden Digital Partnership")
    ContactFactory.create_batch(4, organisation=camden)
    html = client.get("/").content.decode()
    tiles = {
        tile["text"].split()[0]: tile["text"]
        for tile in elements(html, "li", class_="lc-section-tile")
    }
    assert f"Organisations {Organisation.objects.active().count()} listed" in tiles["Organisations"]
    assert f"Contacts {Contact.objects.public().count()} listed" in tiles["Contacts"]
    assert elements(html, "a", href=camden.get_absolute_url())


def _home_page_queries(client):
    cache.clear()  # the sections cache their counts; measure the page as a cold cache sees it
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/").status_code == 200
    return len(queries)


def test_home_page_queries_do_not_grow_with_the_data(client):
    for _ in range(3):
        ContactFactory.create_batch(2, organisation=OrganisationFactory())
    with_few = _home_page_queries(client)
    for _ in range(27):
        ContactFactory.create_batch(2, organisation=OrganisationFactory())
    assert _home_page_queries(client) == with_few


def test_home_page_tiles_come_from_the_registry(client):
    registry.register_section(
        registry.Section(
            key="test-projects",
            label="Test projects",
            url_name="about",
            order=5,
            description="A section registered by this test.",
            count=lambda: 1234,
        )
    )
    try:
        html = client.get("/").content.decode()
    finally:
        registry._sections.pop("test-projects")
    (tile,) = [
        t for t in elements(html, "li", class_="lc-section-tile") if "Test projects" in t["text"]
    ]
    assert "1,234 listed" in tile["text"] and "A section registered by this test." in tile["text"]


def test_accessibility_statement_covers_what_the_regulations_ask(client):
    words = text_of(client.get("/accessibility/").content.decode())
    for required in (
        "How accessible this website is",
        "Feedback and contact information",
        "Reporting accessibility problems with this website",
        "Enforcement procedure",
        "Equality and Human Rights Commission",
        "Equality Commission for Northern Ireland",
        "Technical information about this website’s accessibility",
        "Web Content Accessibility Guidelines version 2.2",
        "axe-core",
        "keyboard",
        "This statement was prepared on 25 November 2026",
    ):
        assert required in words


def test_privacy_notice_names_controller_basis_rights_and_the_request_form(client):
    html = client.get("/privacy/").content.decode()
    words = text_of(html)
    for required in (
        "LondonConnects partnership",
        "privacy@londonconnects.example",
        "public task",
        "consent",
        "review-by date",
        "Partners only",
        "Staff only",
        "Email addresses and phone numbers are hidden by default",
        "one calendar month",
        "Information Commissioner’s Office",
    ):
        assert required in words
    assert elements(html, "a", href=reverse("contacts:correction_request"))
    assert elements(html, "a", href="https://ico.org.uk/make-a-complaint/")
