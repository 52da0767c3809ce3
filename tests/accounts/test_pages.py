"""The account pages as pages: one <h1>, GOV.UK markup, no inline style or script, a query
count that does not grow with the data; and the admin of people and their roles."""

import re

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.models import Role, User
from tests.factories import LocalAuthorityFactory, PartnerEditorFactory, SuperUserFactory

from .helpers import h1_count, sign_in

pytestmark = pytest.mark.django_db

SIGNED_OUT_PAGES = [
    "/accounts/login/",
    "/accounts/signup/",
    "/accounts/password/reset/",
    "/accounts/password/reset/done/",
    "/accounts/confirm-email/",
    "/accounts/inactive/",
]
SIGNED_IN_PAGES = [
    "/accounts/profile/",
    "/accounts/email/",
    "/accounts/password/change/",
    "/accounts/logout/",
    "/accounts/reauthenticate/",
    "/accounts/two-factor/setup/",
]


def assert_govuk_page(response):
    html = response.text
    assert response.status_code == 200
    assert h1_count(html) == 1
    assert re.search(r"<title>\s*\S", html)
    assert '<main class="govuk-main-wrapper"' in html
    assert " style=" not in html
    # The only inline script is base.html's nonce'd GOV.UK snippet.
    assert html.count("<script nonce=") == len(re.findall(r"<script(?![^>]*\bsrc=)", html))


@pytest.mark.parametrize("path", SIGNED_OUT_PAGES)
def test_signed_out_pages(client, path):
    assert_govuk_page(client.get(path))


@pytest.mark.parametrize("path", SIGNED_IN_PAGES)
def test_signed_in_pages(client, path):
    editor = PartnerEditorFactory(organisations=[LocalAuthorityFactory()])
    sign_in(client, editor.email)

    assert_govuk_page(client.get(path))


def test_allauth_pages_we_did_not_rewrite_use_govuk_elements(client):
    editor = PartnerEditorFactory()
    sign_in(client, editor.email)

    html = client.get("/accounts/reauthenticate/").text

    assert '<h1 class="govuk-heading-l">' in html
    assert 'class="govuk-button' in html
    assert '<label class="govuk-label govuk-label--s" for="id_password">' in html


def profile_queries(client, organisation_count):
    user = PartnerEditorFactory(
        organisations=[LocalAuthorityFactory() for _ in range(organisation_count)]
    )
    user.groups.add(Group.objects.get(name=Role.MODERATOR.value))
    client.force_login(user)
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/accounts/profile/")
    assert response.status_code == 200
    client.logout()
    return len(queries)


def test_profile_query_count_does_not_grow_with_organisations(client):
    assert profile_queries(client, 2) == profile_queries(client, 20)


def test_site_administrator_manages_people_and_roles_in_the_admin(client, admin_login):
    camden = LocalAuthorityFactory(name="London Borough of Camden", slug="camden")
    editor = PartnerEditorFactory(email="editor@example.org", organisations=[camden])
    admin_login(client, SuperUserFactory())

    listing = client.get("/admin/accounts/user/")
    change = client.get(f"/admin/accounts/user/{editor.pk}/change/")
    added = client.post(
        "/admin/accounts/user/add/",
        {
            "email": "new.editor@example.org",
            "usable_password": "true",
            "password1": "a-brand-new-passphrase",
            "password2": "a-brand-new-passphrase",
        },
    )

    assert "editor@example.org" in listing.text
    assert change.status_code == 200
    assert 'name="organisations"' in change.text
    assert added.status_code == 302
    assert User.objects.get(email="new.editor@example.org").check_password("a-brand-new-passphrase")


def test_partner_editors_cannot_see_people_in_the_admin(client, admin_login):
    admin_login(client, PartnerEditorFactory())

    assert client.get("/admin/accounts/user/").status_code == 403
