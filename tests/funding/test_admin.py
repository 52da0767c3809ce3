"""Funding in admin: partner editors see and change only their organisations' sources,
whatever URL they type; a round is entered with its London time; history is kept."""

import pytest
from django.urls import reverse

from funding.models import FundingRound, FundingSource
from tests.factories import PartnerEditorFactory

from .factories import FundingRoundFactory, FundingSourceFactory, applicant_kind, london

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:funding_fundingsource_changelist")
ADD = reverse("admin:funding_fundingsource_add")


@pytest.fixture
def sources(org):
    newham = FundingSourceFactory(name="Newham digital fund", owner=org("newham"))
    FundingRoundFactory(source=newham)
    return {
        "newham": newham,
        "camden": FundingSourceFactory(name="Camden kiosk fund", owner=org("camden")),
    }


@pytest.fixture
def camden_editor(client, admin_login, org):
    admin_login(client, PartnerEditorFactory(organisations=[org("camden")]))
    return client


def admin_url(source, action):
    return reverse(f"admin:funding_fundingsource_{action}", args=[source.pk])


def test_a_camden_editor_cannot_touch_newhams_funding(camden_editor, sources):
    listing = camden_editor.get(CHANGELIST).text
    assert "Camden kiosk fund" in listing and "Newham digital fund" not in listing
    newham = sources["newham"]
    for action in ("change", "delete", "history"):
        response = camden_editor.get(admin_url(newham, action))
        assert response.status_code in (302, 403, 404), action
    camden_editor.post(admin_url(newham, "delete"), {"post": "yes"})
    assert FundingSource.objects.filter(pk=newham.pk).exists()
    assert camden_editor.get(admin_url(sources["camden"], "change")).status_code == 200


def form_data(org_pk, **changes):
    data = {
        "name": "Camden smart card fund",
        "slug": "camden-smart-card-fund",
        "summary": "Money for **smart cards**.",
        "is_published": "on",
        "funder": "",
        "funder_name": "Fictional Agency",
        "scope": "london",
        "kind": "grant",
        "eligible_applicants": [applicant_kind("local-authorities").pk],
        "eligibility": "",
        "min_amount": "",
        "max_amount": "50000",
        "total_pot": "",
        "match_funding_percent": "",
        "application_url": "apply.example.org/camden",
        "guidance_url": "",
        "owner": org_pk,
        "topics": ["smart cards"],
        "last_reviewed_on": "2026-01-01",
        "rounds-TOTAL_FORMS": "1",
        "rounds-INITIAL_FORMS": "0",
        "rounds-MIN_NUM_FORMS": "0",
        "rounds-MAX_NUM_FORMS": "1000",
        "rounds-0-name": "Round 1",
        "rounds-0-opens_on": "",
        "rounds-0-closes_at_0": "05/06/2099",
        "rounds-0-closes_at_1": "12:00",
        "rounds-0-decision_on": "",
        "rounds-0-notes": "",
    }
    data.update(changes)
    return data


def test_an_editor_adds_a_source_with_a_round_in_london_time(camden_editor, org):
    response = camden_editor.post(ADD, form_data(org("camden").pk))
    assert response.status_code == 302, response.text[:3000]
    source = FundingSource.objects.get(slug="camden-smart-card-fund")
    assert source.owner == org("camden")
    assert source.application_url == "https://apply.example.org/camden"
    assert [t.name for t in source.topics.all()] == ["smart cards"]
    funding_round = source.rounds.get()
    assert funding_round.closes_at == london(2099, 6, 5, 12, 0)
    created = source.history.earliest()
    assert created.history_type == "+"
    assert created.history_user.organisations.get() == org("camden")
    assert FundingRound.history.filter(id=funding_round.pk).count() == 1


def test_an_editor_cannot_give_a_source_to_another_organisation(camden_editor, org):
    response = camden_editor.post(ADD, form_data(org("newham").pk))
    assert response.status_code == 200
    assert "You can only choose an organisation whose records you edit" in response.text
    assert not FundingSource.objects.filter(slug="camden-smart-card-fund").exists()


def test_a_round_needs_a_deadline_or_rolling_and_the_funder_once(camden_editor, org):
    data = form_data(org("camden").pk, funder=org("gla").pk)
    data.update({"rounds-0-closes_at_0": "", "rounds-0-closes_at_1": ""})
    response = camden_editor.post(ADD, data)
    assert response.status_code == 200
    assert "Enter the closing date and time, or tick “rolling”." in response.text
    assert "Give the funder once" in response.text
    assert not FundingSource.objects.exists()


def test_mark_reviewed_and_history(camden_editor, sources):
    camden = sources["camden"]
    camden_editor.post(CHANGELIST, {"action": "mark_reviewed", "_selected_action": [camden.pk]})
    assert camden.history.latest().history_user.organisations.get().slug == "camden"
    camden.refresh_from_db()
    assert not camden.needs_review
    history = camden_editor.get(admin_url(camden, "history"))
    assert history.status_code == 200
