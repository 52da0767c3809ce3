import pytest
from django.core.management import CommandError, call_command

from accounts.models import User

pytestmark = pytest.mark.django_db


def test_creates_a_verified_superuser_who_can_sign_in(client, monkeypatch):
    monkeypatch.setenv("ADMIN_PASSWORD", "a-long-admin-passphrase")
    call_command(
        "create_site_admin",
        "Admin@Example.org",
        name="Ada Admin",
        password_from_env="ADMIN_PASSWORD",
    )
    user = User.objects.get(email="admin@example.org")
    assert user.is_superuser and user.is_staff
    response = client.post(
        "/accounts/login/", {"login": "admin@example.org", "password": "a-long-admin-passphrase"}
    )
    assert response.status_code == 302
    assert "confirm-email" not in response["Location"]
    # Staff go on to set up two-factor before admin lets them in.
    final = client.get("/admin/", follow=True)
    assert final.redirect_chain[-1][0].startswith("/accounts/two-factor/")


def test_refuses_a_weak_password_and_a_duplicate(monkeypatch):
    monkeypatch.setenv("ADMIN_PASSWORD", "short")
    with pytest.raises(CommandError, match="too short"):
        call_command("create_site_admin", "a@example.org", password_from_env="ADMIN_PASSWORD")
    monkeypatch.setenv("ADMIN_PASSWORD", "a-long-admin-passphrase")
    call_command("create_site_admin", "a@example.org", password_from_env="ADMIN_PASSWORD")
    with pytest.raises(CommandError, match="already an account"):
        call_command("create_site_admin", "A@example.org", password_from_env="ADMIN_PASSWORD")
