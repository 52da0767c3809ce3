"""/papers/, /papers/<slug>/, the download, /review/, and papers on organisation and group
pages, as a visitor meets them; query counts that do not grow with the data."""

import datetime

import pytest
from django.urls import reverse

from papers.models import PaperKind
from tests.accounts.helpers import sign_in_with_second_factor
from tests.factories import GroupFactory, PartnerEditorFactory
from tests.londonconnects.html import assert_sound_page, elements, text_of

from .factories import PaperFactory, pdf_bytes

pytestmark = pytest.mark.django_db

LIST = reverse("papers:paper_list")


@pytest.fixture
def papers(org):
    newham, camden = org("newham"), org("camden")
    east = GroupFactory(name="East London e-Government Group", slug="east-group", convenor=newham)
    return {
        "strategy": PaperFactory(
            title="Newham Business and IT strategy 2005", kind=PaperKind.STRATEGY,
            publisher=newham, published_on=datetime.date(2005, 4, 1), topics=["e-government"],
            pdf=pdf_bytes("Our aim is one front door for every service.", pages=3),
        ),
        "review": PaperFactory(
            title="Camden annual review of e-activity 2004", kind=PaperKind.ANNUAL_REVIEW,
            publisher=camden, published_on=datetime.date(2004, 7, 1), topics=["e-government"],
        ),
        "review_2005": PaperFactory(
            title="Newham annual review of e-activity 2005", kind=PaperKind.ANNUAL_REVIEW,
            publisher=newham, published_on=datetime.date(2005, 7, 1),
        ),
        "minutes": PaperFactory(
            title="East group minutes, March", kind=PaperKind.MINUTES, group=east,
            publisher=newham, published_on=datetime.date(2005, 3, 20), topics=["smart cards"],
        ),
        "draft": PaperFactory(title="Draft paper", publisher=newham, is_published=False),
        "group": east,
    }  # fmt: skip


def listed(client, query=""):
    html = assert_sound_page(client.get(LIST + query))
    return [h2["text"] for h2 in elements(html, "h2", class_="lc-result-list__title")]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", ["Newham annual review of e-activity 2005", "Newham Business and IT strategy 2005",
              "East group minutes, March", "Camden annual review of e-activity 2004"]),
        ("?kind=annual_review", ["Newham annual review of e-activity 2005",
                                 "Camden annual review of e-activity 2004"]),
        ("?kind=strategy&kind=minutes", ["Newham Business and IT strategy 2005",
                                         "East group minutes, March"]),
        ("?organisation=camden", ["Camden annual review of e-activity 2004"]),
        ("?group=east-group", ["East group minutes, March"]),
        ("?year=2004", ["Camden annual review of e-activity 2004"]),
        ("?topic=smart-cards", ["East group minutes, March"]),
        # Words inside the PDF find it.
        ("?q=front+door", ["Newham Business and IT strategy 2005"]),
        ("?sort=title&year=2005", ["East group minutes, March",
                                   "Newham annual review of e-activity 2005",
                                   "Newham Business and IT strategy 2005"]),
    ],
)  # fmt: skip
def test_each_filter(client, papers, query, expected):
    assert listed(client, query) == expected


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("?kind=annual_review&organisation=newham", ["Newham annual review of e-activity 2005"]),
        ("?year=2005&topic=e-government", ["Newham Business and IT strategy 2005"]),
        ("?organisation=newham&group=east-group&year=2005&kind=minutes",
         ["East group minutes, March"]),
        ("?organisation=camden&year=2005", []),
    ],
)  # fmt: skip
def test_filters_combine(client, papers, query, expected):
    assert listed(client, query) == expected


def test_the_page_states_the_download_the_gov_uk_way(client, papers):
    paper = papers["strategy"]
    html = assert_sound_page(client.get(paper.get_absolute_url()))
    facts = elements(html, "p", id="attachment-facts")[0]["text"]
    assert facts == f"PDF, {paper.size_and_pages[0]}, 3 pages"
    assert facts.split(", ")[1].endswith(("bytes", "KB"))
    assert elements(html, "abbr", title="Portable Document Format")
    assert elements(html, "a", href=paper.get_download_url())
    assert elements(html, "a", href="/papers/?organisation=newham")


def test_a_linked_paper_links_out(client, papers):
    html = client.get(papers["review"].get_absolute_url()).text
    assert elements(html, "a", href=papers["review"].external_url, rel="external")
    assert "Published on another website." in text_of(html)


def test_the_download_is_an_attachment_of_its_own_type_never_sniffed(client, papers):
    paper = papers["strategy"]
    response = client.get(paper.get_download_url())
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == f'attachment; filename="{paper.slug}.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]
    body = b"".join(response.streaming_content)
    assert body.startswith(b"%PDF-") and len(body) == paper.file_size


def test_files_are_stored_under_generated_names_and_not_served_statically(client, papers, settings):
    paper = papers["strategy"]
    name = paper.file.name
    assert name.startswith("papers/") and name.endswith(".pdf")
    assert "upload" not in name and len(name.split("/")[1]) == len("0" * 32 + ".pdf")
    assert paper.file.path.startswith(str(settings.MEDIA_ROOT))
    assert not paper.file.path.startswith(str(settings.STATIC_ROOT))
    assert client.get(settings.MEDIA_URL + name).status_code == 404
    assert client.get(settings.STATIC_URL + name).status_code == 404


def test_drafts_are_hidden_and_their_files_too(client, papers, org):
    draft = PaperFactory(title="Draft with file", publisher=org("newham"), is_published=False,
                         pdf=True)  # fmt: skip
    assert "Draft paper" not in listed(client)
    assert client.get(draft.get_absolute_url()).status_code == 404
    assert client.get(draft.get_download_url()).status_code == 404
    assert client.get(papers["review"].get_download_url()).status_code == 404
    sign_in_with_second_factor(client, PartnerEditorFactory(organisations=[org("newham")]))
    assert client.get(draft.get_download_url()).status_code == 200


def test_review_lists_the_annual_reviews_by_year(client, papers):
    html = assert_sound_page(client.get("/review/"))
    assert [h2["text"] for h2 in elements(html, "h2", class_="govuk-heading-l")] == ["2005", "2004"]
    assert elements(html, "a", href=papers["review"].get_absolute_url())
    assert not elements(html, "a", href=papers["strategy"].get_absolute_url())


def test_organisation_and_group_pages_list_their_papers(client, papers):
    html = assert_sound_page(client.get(reverse("contacts:organisation_detail", args=["newham"])))
    assert elements(html, "h2", id="papers")
    assert elements(html, "a", href=papers["strategy"].get_absolute_url())
    assert not elements(html, "a", href=papers["draft"].get_absolute_url())
    group = assert_sound_page(client.get(papers["group"].get_absolute_url()))
    assert elements(group, "h2", id="papers")
    assert elements(group, "a", href=papers["minutes"].get_absolute_url())
    assert elements(group, "a", href="/papers/?group=east-group")
    quiet = client.get(reverse("contacts:organisation_detail", args=["barnet"])).text
    assert not elements(quiet, "h2", id="papers")


def _grow(org, group, count):
    for _ in range(count):
        PaperFactory(publisher=org("newham"), group=group, topics=["smart cards", "broadband"],
                     kind=PaperKind.ANNUAL_REVIEW)  # fmt: skip


def test_query_counts_do_not_grow_with_the_data(client, papers, org, count_queries):
    group = papers["group"]
    _grow(org, group, 3)
    urls = [
        LIST,
        LIST + "?kind=annual_review&organisation=newham&group=east-group&topic=smart-cards",
        LIST + "?q=paper&sort=title&year=2005",
        reverse("papers:paper_feed") + "?kind=annual_review",
        reverse("papers:paper_export"),
        "/review/",
        reverse("contacts:organisation_detail", args=["newham"]),
        group.get_absolute_url(),
        papers["strategy"].get_absolute_url(),
    ]
    small = {url: count_queries(client, url) for url in urls}
    _grow(org, group, 27)
    papers["strategy"].topics.add(*(f"topic {n}" for n in range(10)))
    assert {url: count_queries(client, url) for url in urls} == small
