"""One search box over everything: every type findable, nothing private, facets that count
and combine, a suggestion when nothing matches, and an index that follows each change
through the real signal path (on commit, through Celery, eager here)."""

from urllib.parse import parse_qs, urlsplit

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core.search import indexing_suspended
from core.searching import SiteSearch
from tests.eindex.factories import EntryFactory
from tests.events.factories import EventFactory
from tests.factories import ContactFactory, GroupFactory, LocalAuthorityFactory, OrganisationFactory
from tests.forums.factories import CategoryFactory, start_thread
from tests.funding.factories import FundingSourceFactory
from tests.londonconnects.html import assert_sound_page, elements, text_of
from tests.papers.factories import PaperFactory, pdf_bytes
from tests.projects.factories import ProjectFactory

pytestmark = pytest.mark.django_db

WORD = "quillberry"


def _counts(page, param):
    return {v.value: v.count for g in page.facets if g.facet.param == param for v in g.values}


@pytest.fixture
def one_of_each(search_index, django_capture_on_commit_callbacks):
    """One public record of every type, each with WORD only in its body text."""
    with django_capture_on_commit_callbacks(execute=True):
        records = {
            "projects": ProjectFactory(description=f"Builds a {WORD} register."),
            "funding": FundingSourceFactory(summary=f"Pays for {WORD} pilots."),
            "papers": PaperFactory(pdf=pdf_bytes(f"Chapter two: the {WORD} results.")),
            "events": EventFactory(summary=f"A morning on {WORD} services."),
            "eindex": EntryFactory(description=f"Guidance on {WORD} standards."),
            "forums": start_thread(CategoryFactory(), body=f"Has anyone tried {WORD} yet?"),
            "organisations": OrganisationFactory(summary=f"Runs the {WORD} scheme."),
            "contacts": ContactFactory(
                listing_visibility="public",
                profile_visibility="public",
                profile=f"Leads on {WORD} for the council.",
            ),
            "groups": GroupFactory(summary=f"A club sharing one {WORD} system."),
        }
    return records


def test_every_type_is_found_by_a_word_in_its_body(client, one_of_each):
    response = client.get("/search/", {"q": WORD})
    html = assert_sound_page(response)
    assert f"9 results for ‘{WORD}’" in text_of(html)
    kinds = sorted(tag["text"] for tag in elements(html, "strong", class_="govuk-tag--grey"))
    assert kinds == sorted(
        [
            "Project",
            "Funding",
            "Paper",
            "Event",
            "E-index link",
            "Discussion",
            "Organisation",
            "Contact",
            "Group",
        ]
    )
    page = SiteSearch.from_params({"q": WORD}).run()
    assert _counts(page, "type") == dict.fromkeys(one_of_each, 1)
    found = {hit.url for hit in page.hits}
    assert found == {record.get_absolute_url() for record in one_of_each.values()}
    assert "<mark>quillberry</mark>" in html, "the matched word is highlighted"


def test_private_things_are_never_found(client, search_index, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        ProjectFactory(title=f"{WORD} draft", is_published=False)
        FundingSourceFactory(name=f"{WORD} draft fund", is_published=False)
        PaperFactory(title=f"{WORD} draft paper", is_published=False)
        EventFactory(title=f"{WORD} draft event", is_published=False)
        ContactFactory(name=f"Hidden {WORD}", listing_visibility="partners")
        ContactFactory(
            listing_visibility="public",
            email=f"{WORD}@example.org",
            email_visibility="staff",
        )
        group = GroupFactory()
        private = CategoryFactory(group=group, members_only=True)
        start_thread(private, title=f"{WORD} in a private forum")
        hidden = start_thread(CategoryFactory(), title=f"{WORD} hidden by a moderator")
        hidden.is_hidden = True
        hidden.save()
    assert SiteSearch.from_params({"q": WORD}).run().total == 0
    html = client.get("/search/", {"q": WORD}).content.decode()
    assert "There are no results" in text_of(html)
    assert WORD not in text_of(html).replace(f"‘{WORD}’", "")


def test_facets_count_combine_and_narrow_by_borough_in_one_click(
    client, search_index, django_capture_on_commit_callbacks
):
    newham = LocalAuthorityFactory(slug="newham-t", name="Newham Test", short_name="Newham")
    camden = LocalAuthorityFactory(
        slug="camden-t", name="Camden Test", short_name="Camden", sub_region="central"
    )
    lead = OrganisationFactory()  # not a borough: the areas below are the only ones
    with django_capture_on_commit_callbacks(execute=True):
        ProjectFactory.create_batch(
            3, summary="Smart card scheme.", areas=[newham], lead_organisation=lead
        )
        ProjectFactory(
            summary="Smart card scheme.",
            areas=[camden],
            topics=["smart cards"],
            lead_organisation=lead,
        )
        FundingSourceFactory(summary="Money for smart cards.", owner=newham)
        EntryFactory(description="Smart card standards.", owner=camden, topics=["smart cards"])
        ProjectFactory(summary="Broadband for schools.", areas=[newham], lead_organisation=lead)

    page = SiteSearch.from_params({"q": "smart card"}).run()
    assert page.total == 6
    assert _counts(page, "type") == {"projects": 4, "funding": 1, "eindex": 1}
    assert _counts(page, "area") == {"newham-t": 4, "camden-t": 2}
    assert _counts(page, "sub_region") == {"east": 4, "central": 2}
    assert _counts(page, "topic") == {"smart-cards": 2}

    # One click on the borough narrows the results; its link is in the page.
    html = client.get("/search/", {"q": "smart card"}).content.decode()
    (newham_link,) = [a for a in elements(html, "a") if a["text"] == "Newham"][:1]
    narrowed = client.get(newham_link["attrs"]["href"])
    assert parse_qs(urlsplit(newham_link["attrs"]["href"]).query) == {
        "q": ["smart card"],
        "area": ["newham-t"],
    }
    assert "4 results for ‘smart card’" in text_of(narrowed.content.decode())

    # Filters of different facets narrow each other; values of one facet are alternatives.
    both = SiteSearch.from_params({"q": "smart card", "area": "newham-t", "type": "funding"})
    assert both.run().total == 1
    either = SiteSearch.from_params({"q": "smart card", "area": ["newham-t", "camden-t"]})
    assert either.run().total == 6
    # A facet's own counts ignore its own filter, so a second borough can be added.
    assert _counts(both.run(), "area") == {"newham-t": 1}
    assert _counts(
        SiteSearch.from_params({"q": "smart card", "area": "newham-t"}).run(), "area"
    ) == {
        "newham-t": 4,
        "camden-t": 2,
    }


def test_sort_by_date_and_year_facet(search_index, django_capture_on_commit_callbacks):
    import datetime

    with django_capture_on_commit_callbacks(execute=True):
        for year in (2003, 2005, 2004):
            ProjectFactory(
                title=f"Telecare {year}", summary="Telecare.", start_date=datetime.date(year, 5, 1)
            )
    page = SiteSearch.from_params({"q": "telecare", "sort": "date"}).run()
    assert [hit.title for hit in page.hits] == ["Telecare 2005", "Telecare 2004", "Telecare 2003"]
    assert _counts(page, "year") == {"2003": 1, "2004": 1, "2005": 1}
    assert SiteSearch.from_params({"q": "telecare", "year": "2004"}).run().total == 1


def test_a_topic_and_type_without_words_lists_everything_there(
    search_index, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        category = CategoryFactory()
        category.topics.add("smart cards")
        start_thread(category, title="Cards for libraries")
        start_thread(CategoryFactory(), title="Something else")
    page = SiteSearch.from_params({"type": "forums", "topic": "smart-cards"}).run()
    assert [hit.title for hit in page.hits] == ["Cards for libraries"]


def test_a_misspelt_word_with_no_hits_gets_a_suggestion(client, search_index):
    with indexing_suspended():
        OrganisationFactory(summary="Runs the partnership's broadband programme.")
    from haystack import connections

    from contacts.models import Organisation

    index = connections["default"].get_unified_index().get_index(Organisation)
    search_index.update(index, index.index_queryset())
    html = client.get("/search/", {"q": "brodbnd"}).content.decode()
    assert "There are no results for ‘brodbnd’" in text_of(html)
    assert "Did you mean broadband?" in [p["text"] for p in elements(html, "p")]
    assert SiteSearch.from_params({"q": "zqxjv"}).suggestion() is None


def test_a_quoted_phrase_finds_the_words_together_in_that_order(
    search_index, django_capture_on_commit_callbacks
):
    """Phrases are looked up by their word pairs (and a longer one by its positions too):
    the words together and in order match, the same words apart do not."""
    with django_capture_on_commit_callbacks(execute=True):
        ProjectFactory(title="Together", description="Our data protection policies and audits.")
        ProjectFactory(title="Apart", description="Protection of the data we hold.")
        ProjectFactory(title="Stopword", description="The London Borough of Camden leads.")
        ProjectFactory(title="Three", description="A data protection act briefing.")
        ProjectFactory(title="Pairs apart", description="Data protection, then protection act.")

    def titles(q):
        return sorted(hit.title for hit in SiteSearch.from_params({"q": q}).run().hits)

    assert titles('"data protection"') == ["Pairs apart", "Three", "Together"]
    assert titles('"Data Protected"') == ["Pairs apart", "Three", "Together"]  # stems match
    assert titles("data protection") == ["Apart", "Pairs apart", "Three", "Together"]
    assert titles('"data protection act"') == ["Three"]
    assert titles('"borough of camden"') == ["Stopword"]
    assert titles('"camden borough"') == []
    assert titles('audits "data protection"') == ["Together"]
    assert titles('"protection"') == ["Apart", "Pairs apart", "Three", "Together"]
    hit = SiteSearch.from_params({"q": '"data protection"', "sort": "date"}).run().hits[0]
    assert "<mark>data</mark> <mark>protection</mark>" in hit.snippet.lower()


def test_the_index_follows_create_edit_tags_and_delete(
    search_index, django_capture_on_commit_callbacks
):
    def found(**params):
        return [hit.title for hit in SiteSearch.from_params(params).run().hits]

    with django_capture_on_commit_callbacks(execute=True):
        project = ProjectFactory(title="Heron gazetteer", summary="Addresses.")
    assert found(q="heron") == ["Heron gazetteer"]

    with django_capture_on_commit_callbacks(execute=True):
        project.title = "Egret gazetteer"
        project.save()
    assert found(q="heron") == []
    assert found(q="egret") == ["Egret gazetteer"]

    # Only the tags change: no save of the project itself.
    with django_capture_on_commit_callbacks(execute=True):
        project.topics.add("open standards")
    assert found(q="egret", topic="open-standards") == ["Egret gazetteer"]
    with django_capture_on_commit_callbacks(execute=True):
        project.topics.remove("open standards")
    assert found(q="egret", topic="open-standards") == []

    # A forum's topics reach its threads.
    with django_capture_on_commit_callbacks(execute=True):
        category = CategoryFactory()
        start_thread(category, title="Egret sightings")
    with django_capture_on_commit_callbacks(execute=True):
        category.topics.add("e-democracy")
    assert found(topic="e-democracy") == ["Egret sightings"]

    with django_capture_on_commit_callbacks(execute=True):
        project.delete()
    assert found(q="egret", type="projects") == []


@pytest.mark.parametrize("scale", [1, 10])
def test_the_search_page_takes_the_same_queries_however_much_matches(
    client, search_index, scale, django_capture_on_commit_callbacks
):
    with indexing_suspended():
        for number in range(3 * scale):
            ProjectFactory(summary="Telecare.", topics=[f"topic {number % 7}"])
    from haystack import connections

    from projects.models import Project

    index = connections["default"].get_unified_index().get_index(Project)
    search_index.update(index, index.index_queryset())
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/search/", {"q": "telecare"})
    assert response.status_code == 200
    # The names of the topics and of the organisations in the facets: one query each.
    assert len(queries.captured_queries) == 2


def test_renaming_an_organisation_reaches_the_documents_that_name_it(
    search_index, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        borough = LocalAuthorityFactory(name="Old Name Council", slug="old-name")
        lead = OrganisationFactory(name="Lead Body")
        ProjectFactory(title="Led", description="Telecare.", lead_organisation=borough)
        partnered = ProjectFactory(
            title="Partnered", description="Telecare.", lead_organisation=lead
        )
        partnered.partners.add(borough)
        PaperFactory(title="Published", publisher=borough, pdf=pdf_bytes("Telecare."))
        ProjectFactory(title="Unrelated", description="Telecare.", lead_organisation=lead)

    def owners():
        page = SiteSearch.from_params({"q": "telecare"}).run()
        return sorted((hit.title, hit.owner) for hit in page.hits), _counts(page, "organisation")

    with django_capture_on_commit_callbacks(execute=True):
        borough.summary = "A summary only: nothing other documents show."
        borough.save()
    assert ("Led", "Old Name Council") in owners()[0]

    with django_capture_on_commit_callbacks(execute=True):
        borough.name, borough.slug = "New Name Council", "new-name"
        borough.save()
    hits, organisation_counts = owners()
    assert ("Led", "New Name Council") in hits
    assert ("Published", "New Name Council") in hits
    assert ("Unrelated", "Lead Body") in hits
    assert organisation_counts.get("new-name") == 3  # led, partnered and published
    assert "old-name" not in organisation_counts


def test_a_page_past_the_end_or_of_nothing_is_a_page(client, one_of_each):
    assert client.get("/search/", {"q": "zeppelin", "page": "3"}).status_code == 200
    response = client.get("/search/", {"q": WORD, "page": "99"})
    assert "9 results" in text_of(response.content.decode())


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    q=st.one_of(
        st.text(max_size=300),
        st.text(alphabet='"()[]{}*?:^~+-!&|\\/ ANDORNT', max_size=80),
        st.sampled_from(["title:x", "a AND", "(", '"', "*", "x~", "[a TO", "\x00", "ﬁ ℌ Ⅻ", "ǅ̈"]),
    ),
    page_number=st.one_of(st.integers(-5, 10**6).map(str), st.text(max_size=5)),
    area=st.text(max_size=20),
)
def test_any_input_gives_a_page_never_a_server_error(client, one_of_each, q, page_number, area):
    response = client.get("/search/", {"q": q, "page": page_number, "area": area})
    assert response.status_code == 200


def test_a_bulk_batch_replaces_documents_without_duplicates(search_index):
    """A rebuild's batches go through the bulk writer (no merge on commit); writing the
    same records again replaces their documents."""
    from haystack import connections

    from contacts.models import Organisation
    from core.whoosh_backend import BULK_DOCUMENTS

    with indexing_suspended():
        OrganisationFactory.create_batch(BULK_DOCUMENTS + 5, summary="Shared telecare.")
    index = connections["default"].get_unified_index().get_index(Organisation)
    for _ in range(2):
        search_index.update(index, list(index.index_queryset()))
        page = SiteSearch.from_params({"q": "telecare"}).run()
        assert page.total == BULK_DOCUMENTS + 5
        assert _counts(page, "type") == {"organisations": BULK_DOCUMENTS + 5}
