"""Error pages in the site's layout: 404, 403, the CSRF failure page and 500."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.test import Client, override_settings
from django.urls import get_resolver, reverse

from londonconnects import views

from .html import assert_sound_page, elements, text_of


@pytest.mark.django_db
def test_missing_page_answers_404_in_the_layout(client, settings):
    settings.DEBUG = False
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    html = assert_sound_page(response)
    assert elements(html, "h1")[0]["text"] == "Page not found"
    assert elements(html, "a", class_="govuk-service-navigation__link", href="/search/")
    assert elements(html, "form", action="/search/")


@pytest.mark.django_db
def test_permission_denied_answers_403_and_offers_sign_in(rf, settings):
    settings.DEBUG = False
    request = rf.get("/admin/secret/")
    request.user = AnonymousUser()
    response = get_resolver().resolve_error_handler(403)(request, exception=PermissionDenied())
    assert response.status_code == 403
    html = assert_sound_page(response)
    assert elements(html, "h1")[0]["text"] == "You cannot see this page"
    assert elements(html, "a", href=f"{reverse('account_login')}?next=/admin/secret/")


@pytest.mark.django_db
def test_a_form_without_its_csrf_token_gets_a_plain_words_403(settings):
    settings.DEBUG = False
    client = Client(enforce_csrf_checks=True)
    response = client.post(reverse("account_login"), {"login": "a@example.org", "password": "x"})
    assert response.status_code == 403
    html = assert_sound_page(response)
    assert elements(html, "h1")[0]["text"] == "Sorry, we could not accept that form"
    assert "reload the page and try again" in text_of(html)
    assert "CSRF" not in text_of(html)


@override_settings(ROOT_URLCONF="tests.londonconnects.crashing_urls", DEBUG=False)
def test_server_error_page_renders_without_the_database():
    """No django_db mark: any database query here fails the test, as a database that is down
    would. The session cookie is one the page must not try to load."""
    client = Client(raise_request_exception=False)
    client.cookies["sessionid"] = "a-session-the-error-page-must-not-load"
    response = client.get("/crash/")
    assert response.status_code == 500
    html = assert_sound_page(response)
    assert elements(html, "h1")[0]["text"] == "Sorry, there is a problem with the service"
    assert elements(html, "a", class_="govuk-service-navigation__link", href="/search/")


@pytest.mark.django_db
@override_settings(ROOT_URLCONF="tests.londonconnects.crashing_urls", DEBUG=False)
def test_server_error_page_keeps_the_content_security_policy():
    response = Client(raise_request_exception=False).get("/crash/")
    assert response.status_code == 500
    (inline_script,) = [
        s for s in elements(response.content.decode(), "script") if "src" not in s["attrs"]
    ]
    policy = response.headers["Content-Security-Policy"]
    assert f"'nonce-{inline_script['attrs']['nonce']}'" in policy


def test_the_site_uses_its_own_500_and_csrf_failure_views(settings):
    assert get_resolver().resolve_error_handler(500) is views.server_error
    assert settings.CSRF_FAILURE_VIEW == "londonconnects.views.csrf_failure"


@override_settings(
    ROOT_URLCONF="tests.londonconnects.crashing_urls",
    DEBUG=False,
    STORAGES={
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    },
)
def test_server_error_page_still_answers_when_the_layout_itself_fails(tmp_path, settings):
    """A missing static manifest breaks every page, the error page's layout included: the
    visitor still gets a plain 500 page, not an error raised from the error handler."""
    settings.STATIC_ROOT = str(tmp_path)
    response = Client(raise_request_exception=False).get("/crash/")
    assert response.status_code == 500
    html = response.content.decode()
    assert elements(html, "h1")[0]["text"] == "Sorry, there is a problem with the service"
