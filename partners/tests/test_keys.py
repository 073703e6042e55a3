"""Issuing, listing and revoking keys: by service, management command and admin; the key is shown once."""

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command

from partners.models import PartnerAPIKey
from partners.services import partner_key_create, partner_key_list, partner_key_revoke
from partners.tests.fixtures import key_client

pytestmark = pytest.mark.django_db


def test_a_new_key_is_stored_hashed_and_tied_to_its_partner_with_scopes():
    issued = partner_key_create(partner_name="OC Media", scopes=["submit", "read"])
    stored = PartnerAPIKey.objects.get(prefix=issued.api_key.prefix)
    assert stored.partner.name == "OC Media"
    assert stored.scopes == ["read", "submit"]
    assert issued.key.startswith(stored.prefix + ".")
    secret = issued.key.split(".", 1)[1]
    assert secret not in stored.hashed_key
    assert secret not in stored.id


def test_unknown_or_missing_scopes_are_refused():
    with pytest.raises(ValidationError) as excinfo:
        partner_key_create(partner_name="X", scopes=["read", "admin"])
    assert "scopes" in excinfo.value.message_dict
    with pytest.raises(ValidationError):
        partner_key_create(partner_name="X", scopes=[])
    assert not PartnerAPIKey.objects.exists()


def test_revoking_an_unknown_prefix_is_an_error():
    with pytest.raises(ValidationError):
        partner_key_revoke(prefix="nope1234")


def test_the_list_names_keys_by_prefix_and_never_holds_the_secret():
    issued = partner_key_create(partner_name="CivilNet", scopes=["read"])
    (listed,) = partner_key_list()
    assert listed.prefix == issued.api_key.prefix
    assert not hasattr(listed, "key")


def test_command_creates_a_key_printed_once_that_works(capsys):
    call_command("partner_key", "create", "Hetq", "--scopes", "read,submit")
    out = capsys.readouterr().out
    key = out.strip().splitlines()[-1]
    assert "not shown again" in out
    assert key_client(key).get("/api/v1/parties/").status_code == 200
    assert PartnerAPIKey.objects.get().scopes == ["read", "submit"]

    call_command("partner_key", "list")
    listing = capsys.readouterr().out
    assert "Hetq" in listing
    assert "read,submit" in listing
    assert "active" in listing
    assert key not in listing


def test_command_revokes_by_prefix_and_the_key_stops_working(capsys):
    issued = partner_key_create(partner_name="JAMnews", scopes=["read"])
    call_command("partner_key", "revoke", issued.api_key.prefix)
    assert "Revoked" in capsys.readouterr().out
    assert key_client(issued.key).get("/api/v1/parties/").status_code == 401
    call_command("partner_key", "list")
    assert "revoked" in capsys.readouterr().out


def test_command_refuses_an_unknown_scope():
    with pytest.raises(CommandError, match="scopes"):
        call_command("partner_key", "create", "Hetq", "--scopes", "read,everything")


def test_admin_issues_a_key_and_shows_it_once(client, superuser):
    from partners.models import Partner

    partner = Partner.objects.create(name="Eurasianet")
    client.force_login(superuser)
    response = client.post(
        "/admin/partners/partnerapikey/add/",
        {"partner": partner.pk, "name": "sync", "scopes": ["read"], "expiry_date_0": "", "expiry_date_1": ""},
        follow=True,
    )
    assert response.status_code == 200
    messages = [str(m) for m in response.context["messages"]]
    (shown,) = [m for m in messages if " is: " in m]
    key = shown.split(" is: ")[1].split(". ")[0]
    assert key_client(key).get("/api/v1/parties/").status_code == 200
    assert PartnerAPIKey.objects.get().scopes == ["read"]
    again = client.get(f"/admin/partners/partnerapikey/{PartnerAPIKey.objects.get().pk}/change/")
    assert key.split(".", 1)[1] not in again.content.decode()


def test_command_issues_a_staff_token_for_staff_users_only(capsys, reviewer, django_user_model):
    from rest_framework.test import APIClient

    call_command("partner_key", "staff-token", "reviewer")
    token = capsys.readouterr().out.strip().splitlines()[-1]
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    assert client.get("/api/v1/claims/").status_code == 200
    django_user_model.objects.create_user(username="reader", password="x-pass-12345")
    with pytest.raises(CommandError, match="staff"):
        call_command("partner_key", "staff-token", "reader")
    with pytest.raises(CommandError, match="nobody"):
        call_command("partner_key", "staff-token", "nobody")


def test_the_browsable_api_renders_for_staff(staff_client):
    response = staff_client.get("/api/v1/claims/?kind=casualty", HTTP_ACCEPT="text/html")
    assert response.status_code == 200
    assert b"claimant" in response.content
