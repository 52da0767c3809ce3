"""The directory's public pages, as visitors of each kind meet them."""

import datetime
import re

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from contacts.models import (
    Contact,
    GroupKind,
    Organisation,
    OrganisationKind,
    RoleArea,
    SubRegion,
    Visibility,
)
from core import registry
from tests.accounts.helpers import sign_in_with_second_factor
from tests.factories import (
    ContactFactory,
    GroupFactory,
    LocalAuthorityFactory,
    OrganisationFactory,
    PartnerEditorFactory,
    SuperUserFactory,
)
from tests.londonconnects.html import assert_sound_page, elements, text_of

pytestmark = pytest.mark.django_db

# Distinctive values that must never reach a visitor who may not see them.
SECRET_EMAIL = "hidden.inbox.7731@example.org"
SECRET_PHONE = "020 7946 0917"
SECRET_TITLE = "Keeper of Unlisted Things"
SECRET_PROFILE = "Unlisted profile words zanzibarite"
HIDDEN_PERSON = "Perpetua Unlisted-Ravenscroft"
LAPSED_PERSON = "Isidore Lapsed-Hathersage"


@pytest.fixture
def camden(db):
    return LocalAuthorityFactory(
        name="London Borough of Camden",
        short_name="Camden",
        slug="camden",
        sub_region=SubRegion.CENTRAL,
    )


@pytest.fixture
def people(camden):
    """A public entry with every field but its name hidden, a partners-only entry, and a
    public entry past its review-by date; all in Camden, all convening a group."""
    guarded = ContactFactory(
        name="Adaeze Guarded-Abernethy",
        slug="adaeze-guarded-abernethy",
        organisation=camden,
        job_title=SECRET_TITLE,
        job_title_visibility=Visibility.PARTNERS,
        email=SECRET_EMAIL,
        email_visibility=Visibility.PARTNERS,
        phone=SECRET_PHONE,
        phone_visibility=Visibility.STAFF,
        profile=SECRET_PROFILE,
        profile_visibility=Visibility.STAFF,
    )
    hidden = ContactFactory(
        name=HIDDEN_PERSON,
        slug="perpetua-unlisted",
        organisation=camden,
        listing_visibility=Visibility.PARTNERS,
        email="perpetua.unlisted@example.org",
        email_visibility=Visibility.PUBLIC,
    )
    lapsed = ContactFactory(
        name=LAPSED_PERSON,
        slug="isidore-lapsed",
        organisation=camden,
        review_by=timezone.localdate() - datetime.timedelta(days=1),
    )
    group = GroupFactory(
        name="Central London Test Partnership",
        slug="central-test",
        kind=GroupKind.SUB_REGIONAL,
        sub_region=SubRegion.CENTRAL,
        convenor=camden,
        convenor_contact=hidden,
        members=[camden],
    )
    return {"guarded": guarded, "hidden": hidden, "lapsed": lapsed, "group": group}


def pages_showing_people(people):
    return [
        reverse("contacts:organisation_list"),
        reverse("contacts:organisation_detail", args=["camden"]),
        reverse("contacts:contact_list"),
        reverse("contacts:contact_detail", args=[people["guarded"].slug]),
        reverse("contacts:group_list"),
        reverse("contacts:group_detail", args=["central-test"]),
    ]


# Anonymous visitors


def test_anonymous_visitors_never_see_a_hidden_field_or_entry_on_any_page(
    client, people, search_index, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        for contact in Contact.objects.all():
            contact.save()
    pages = pages_showing_people(people) + ["/search/?q=camden", "/search/?q=unlisted"]

    for url in pages:
        response = client.get(url)
        html = assert_sound_page(response)
        for secret in (SECRET_EMAIL, SECRET_PHONE, SECRET_TITLE, SECRET_PROFILE):
            assert secret not in html, f"{secret} shown on {url}"
        assert HIDDEN_PERSON not in html, f"a partners-only entry shown on {url}"
        assert LAPSED_PERSON not in html, f"an entry past review shown on {url}"

    assert "Adaeze Guarded-Abernethy" in client.get(pages[1]).text
    assert (
        client.get(reverse("contacts:contact_detail", args=["perpetua-unlisted"])).status_code
        == 404
    )
    assert (
        client.get(reverse("contacts:contact_detail", args=["isidore-lapsed"])).status_code == 404
    )


def test_a_partner_editor_sees_partners_level_fields_but_not_staff_ones(client, people, camden):
    sign_in_with_second_factor(client, PartnerEditorFactory(organisations=[camden]))

    detail = client.get(reverse("contacts:contact_detail", args=[people["guarded"].slug])).text
    listing = client.get(reverse("contacts:contact_list")).text
    organisation = client.get(reverse("contacts:organisation_detail", args=["camden"])).text

    for html in (detail, listing, organisation):
        assert SECRET_EMAIL in html and SECRET_TITLE in html
        assert SECRET_PHONE not in html and SECRET_PROFILE not in html
        assert LAPSED_PERSON not in html
    assert HIDDEN_PERSON in listing and HIDDEN_PERSON in organisation
    assert (
        client.get(reverse("contacts:contact_detail", args=["isidore-lapsed"])).status_code == 404
    )
    group = client.get(reverse("contacts:group_detail", args=["central-test"])).text
    assert HIDDEN_PERSON in group


def test_a_site_administrator_sees_staff_level_fields_and_entries_due_for_review(client, people):
    sign_in_with_second_factor(client, SuperUserFactory())

    detail = client.get(reverse("contacts:contact_detail", args=[people["guarded"].slug])).text
    lapsed = client.get(reverse("contacts:contact_detail", args=["isidore-lapsed"]))

    assert SECRET_PHONE in detail and SECRET_PROFILE in detail and SECRET_EMAIL in detail
    assert "Record keeping" in detail and "Public task" in detail
    assert lapsed.status_code == 200
    assert "past its review-by date" in text_of(lapsed.text)
    assert "Due for review" in client.get(reverse("contacts:contact_list")).text


def test_a_signed_in_member_without_organisations_sees_what_the_public_sees(client, people):
    from tests.factories import UserFactory

    client.force_login(UserFactory())
    html = client.get(reverse("contacts:contact_list")).text
    assert SECRET_EMAIL not in html and HIDDEN_PERSON not in html


# Organisations


def test_organisation_list_groups_a_to_z_with_jump_links(client, reference_data):
    response = client.get(reverse("contacts:organisation_list"))
    html = assert_sound_page(response)

    jump_links = [a["attrs"]["href"] for a in elements(html, "a", class_="govuk-pagination__link")]
    assert "#letter-C" in jump_links and "#letter-W" in jump_links
    headings = [h["text"] for h in elements(html, "h2") if h["attrs"].get("id")]
    assert headings[:3] == ["B", "C", "E"]  # no active body starts with A or D
    assert len(headings) == len(set(headings)), "each letter once, whatever the case"
    e_section = html[html.index('id="letter-E"') : html.index('id="letter-G"')]
    assert "e-Government Unit" in e_section and "Ealing" in e_section
    c_section = html[html.index('id="letter-C"') : html.index('id="letter-E"')]
    assert "Camden" in c_section and "Croydon" in c_section and "City of London" in c_section
    assert "Organisations that have closed" in html
    assert "Became London Councils in October 2006" in text_of(html)
    assert elements(html, "button", type="submit")[0]["text"] == "Apply filters"
    assert elements(html, "form", method="get")


def test_local_authorities_by_sub_region(client, reference_data):
    html = client.get(reverse("contacts:organisation_list") + "?kind=local_authority").text

    headings = [h["text"] for h in elements(html, "h2") if h["attrs"].get("id")]
    assert headings[:5] == [
        "North London (4)",
        "East London (10)",
        "South London (7)",
        "West London (6)",
        "Central London (6)",
    ]
    assert "33 organisations, by sub-region" in text_of(html)
    assert "Transport for London" not in html
    assert "Local authority (33)" in html


def test_sub_region_filter(client, reference_data):
    html = client.get(reverse("contacts:organisation_list") + "?sub_region=north").text
    names = [
        a["text"]
        for a in elements(html, "a", class_="govuk-link")
        if "/organisations/" in a["attrs"]["href"]
    ]
    assert {"Barnet", "Enfield", "Haringey", "Waltham Forest"} <= set(names)
    assert "Camden" not in names
    checked = re.search(r'<input[^>]*value="north"[^>]*>', html).group(0)
    assert "checked" in checked


def test_a_sub_regions_count_takes_every_kind_of_organisation_in_it(client, reference_data):
    """The count beside a sub-region is what ticking it lists: a partner body placed in a
    sub-region counts there as the boroughs do."""
    OrganisationFactory(name="North London Health Partnership", kind="health", sub_region="north")
    html = client.get(reverse("contacts:organisation_list") + "?sub_region=north").text
    labels = [label["text"] for label in elements(html, "label")]
    assert "North London (5)" in labels
    assert "North London Health Partnership" in text_of(html)


def test_an_invalid_filter_is_reported_and_ignored(client, reference_data):
    response = client.get(reverse("contacts:organisation_list") + "?kind=castle")
    assert response.status_code == 200
    assert "govuk-error-message" in response.text
    assert "Camden" in response.text


def test_a_closed_body_says_what_became_of_it(client, reference_data):
    html = client.get(reverse("contacts:organisation_detail", args=["alg"])).text
    text = text_of(html)

    assert "ALG became London Councils in October 2006." in text
    assert elements(html, "a", href="/organisations/london-councils/")

    odpm = text_of(client.get(reverse("contacts:organisation_detail", args=["odpm"])).text)
    assert "ODPM became Department for Communities and Local Government on 5 May 2006." in odpm
    assert "Its work is now done by Ministry of Housing, Communities and Local Government" in odpm

    successor = text_of(client.get("/organisations/london-councils/").text)
    assert "Took over from Association of London Government , in October 2006" in successor


def test_organisation_page_shows_its_facts_people_and_groups(client, reference_data):
    camden = Organisation.objects.get(slug="camden")
    newham = Organisation.objects.get(slug="newham")
    ContactFactory(name="Efua Public-Fairweather", organisation=camden, job_title="Web Manager")
    GroupFactory(name="Camden-led Club", convenor=camden, members=[camden, newham])
    GroupFactory(name="Newham-led Club", convenor=newham, members=[camden, newham])

    html = assert_sound_page(client.get(camden.get_absolute_url()))
    text = text_of(html)

    assert "London Borough of Camden" in text and "Central London" in text
    assert elements(html, "a", href="https://www.camden.gov.uk/")
    assert "Efua Public-Fairweather" in text and "Web Manager" in text
    assert "Convenes Camden-led Club" in text
    assert "Member of Camden-led Club Newham-led Club" in text


def test_a_gla_body_links_to_its_parent_and_the_gla_to_its_bodies(client, reference_data):
    tfl = client.get("/organisations/transport-for-london/").text
    gla = client.get("/organisations/gla/").text
    assert elements(tfl, "a", href="/organisations/gla/")
    assert elements(gla, "a", href="/organisations/transport-for-london/")


def test_later_apps_add_panels_to_the_organisation_page(client, camden, settings, tmp_path):
    (tmp_path / "panel.html").write_text(
        '<h2 class="govuk-heading-l">Projects</h2><p class="govuk-body">{{ count }} projects '
        "led by {{ organisation.short_name }}</p>"
    )
    settings.TEMPLATES = [
        {**settings.TEMPLATES[0], "DIRS": [*settings.TEMPLATES[0]["DIRS"], tmp_path]}
    ]
    panels = [
        registry.OrganisationPanel(
            key="test-projects",
            order=10,
            template_name="panel.html",
            context=lambda organisation, request: {"count": 3},
        ),
        registry.OrganisationPanel(
            key="test-empty",
            order=20,
            template_name="panel.html",
            context=lambda organisation, request: None,
        ),
    ]
    for panel in panels:
        registry.register_organisation_panel(panel)
    try:
        html = client.get(camden.get_absolute_url()).text
    finally:
        for panel in panels:
            registry._organisation_panels.pop(panel.key)

    assert "3 projects led by Camden" in html
    assert html.count("Projects</h2>") == 1


# Contacts


def test_contact_list_filters(client, reference_data):
    camden = Organisation.objects.get(slug="camden")
    newham = Organisation.objects.get(slug="newham")
    web = RoleArea.objects.get(slug="web-manager")
    one = ContactFactory(name="Linus Camden-Webb", organisation=camden)
    one.role_areas.add(web)
    one.topics.add("web accessibility")
    ContactFactory(name="Niamh Newham-East", organisation=newham)

    def names(query):
        html = client.get(reverse("contacts:contact_list") + query).text
        return {h["text"] for h in elements(html, "h2", class_="lc-result-list__title")}

    assert names("") == {"Linus Camden-Webb", "Niamh Newham-East"}
    assert names("?organisation=camden") == {"Linus Camden-Webb"}
    assert names("?role_area=web-manager") == {"Linus Camden-Webb"}
    assert names("?topic=web-accessibility") == {"Linus Camden-Webb"}
    assert names("?sub_region=east") == {"Niamh Newham-East"}


def test_filter_options_do_not_reveal_hidden_entries(client, people):
    people["hidden"].topics.add("secret-topic-quokka")
    html = client.get(reverse("contacts:contact_list")).text
    assert "secret-topic-quokka" not in html


def test_contact_list_is_paginated(client, camden):
    ContactFactory.create_batch(55, organisation=camden)
    first = client.get(reverse("contacts:contact_list")).text
    second = client.get(reverse("contacts:contact_list") + "?page=2").text

    assert len(elements(first, "h2", class_="lc-result-list__title")) == 50
    assert len(elements(second, "h2", class_="lc-result-list__title")) == 5
    assert elements(first, "nav", class_="govuk-pagination")
    assert "55 contacts, page 1 of 2" in text_of(first)


def test_contact_page_offers_to_correct_or_remove_the_entry(client, people):
    html = client.get(reverse("contacts:contact_detail", args=[people["guarded"].slug])).text
    link = elements(html, "a", href=f"/contacts/request/?contact={people['guarded'].slug}")
    assert link and link[0]["text"] == "Ask us to correct or remove this entry"
    assert "Is this you?" in text_of(html)


# Groups


def test_group_list_by_kind(client, camden):
    GroupFactory(
        name="East Partnership", kind=GroupKind.SUB_REGIONAL, sub_region="east", convenor=camden
    )
    GroupFactory(
        name="Gazetteer Club",
        kind=GroupKind.SHAREWARE_CLUB,
        shared_project="Gazetteer",
        convenor=camden,
    )
    GroupFactory(name="Old Group", convenor=camden, is_active=False)

    html = assert_sound_page(client.get(reverse("contacts:group_list")))
    headings = [h["text"] for h in elements(html, "h2")]

    assert "Sub-regional partnerships (1)" in headings and "Shareware clubs (1)" in headings
    assert "Shares: Gazetteer" in text_of(html)
    assert "Old Group" not in html


def test_group_page_links_members_and_shows_a_public_convenor_contact(client, reference_data):
    camden = Organisation.objects.get(slug="camden")
    newham = Organisation.objects.get(slug="newham")
    convenor = ContactFactory(name="Xanthe Convenor-Yardley", organisation=camden)
    group = GroupFactory(
        name="Gazetteer Club",
        kind=GroupKind.SHAREWARE_CLUB,
        shared_project="Common address gazetteer",
        convenor=camden,
        convenor_contact=convenor,
        members=[camden, newham],
    )

    html = assert_sound_page(client.get(group.get_absolute_url()))

    assert elements(html, "a", href="/organisations/newham/")
    assert elements(html, "a", href=convenor.get_absolute_url())
    assert "Common address gazetteer" in html


# Query counts: the same for N rows as for 10N


def _grow_people(organisation, group, count):
    for _ in range(count):
        contact = ContactFactory(organisation=organisation)
        contact.role_areas.add(*RoleArea.objects.all()[:2])
        contact.topics.add("e-government", "broadband")
        group.members.add(OrganisationFactory())


@pytest.mark.parametrize("viewer", ["anonymous", "partner", "staff"])
def test_query_counts_do_not_grow_with_the_data(client, reference_data, count_queries, viewer):
    camden = Organisation.objects.get(slug="camden")
    group = GroupFactory(convenor=camden, members=[camden])
    if viewer == "partner":
        sign_in_with_second_factor(client, PartnerEditorFactory(organisations=[camden]))
    elif viewer == "staff":
        sign_in_with_second_factor(client, SuperUserFactory())
    urls = [
        reverse("contacts:organisation_list"),
        reverse("contacts:organisation_list") + "?kind=local_authority",
        reverse("contacts:organisation_detail", args=["camden"]),
        reverse("contacts:contact_list"),
        reverse("contacts:contact_list") + "?sub_region=central&role_area=policy",
        reverse("contacts:group_list"),
        reverse("contacts:group_detail", args=[group.slug]),
    ]

    _grow_people(camden, group, 5)
    for _ in range(5):
        GroupFactory(convenor=camden, members=[camden])
    small = {url: count_queries(client, url) for url in urls}
    small["contact"] = count_queries(client, Contact.objects.first().get_absolute_url())

    _grow_people(camden, group, 45)
    for _ in range(45):
        GroupFactory(convenor=camden, members=[camden])
    large = {url: count_queries(client, url) for url in urls}
    large["contact"] = count_queries(client, Contact.objects.last().get_absolute_url())

    assert large == small


def test_seeded_site_pages_are_sound(client):
    call_command("seed_demo", scale=1, verbosity=0)
    kinds = {OrganisationKind.LOCAL_AUTHORITY, OrganisationKind.CENTRAL_GOVERNMENT}
    for organisation in Organisation.objects.filter(kind__in=kinds)[:5]:
        assert_sound_page(client.get(organisation.get_absolute_url()))
    for contact in Contact.objects.public()[:5]:
        assert_sound_page(client.get(contact.get_absolute_url()))
