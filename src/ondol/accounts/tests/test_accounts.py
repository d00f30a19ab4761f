"""Staff sign-in, lockout, two-factor, roles and API tokens."""

from __future__ import annotations

import pytest
from django.test import Client, override_settings
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from ondol.accounts.access import agency_ids_of, has_role, is_staff_member, roles_of
from ondol.accounts.models import Membership
from ondol.core.tests.factories import AgencyFactory, UserFactory

PASSWORD = "correct horse battery staple"


def _code(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def test_passwords_are_hashed_with_argon2(counsellor) -> None:
    assert counsellor.password.startswith("argon2")


def test_a_user_can_hold_roles_at_several_agencies(make_user) -> None:
    centre, partner = AgencyFactory(), AgencyFactory()
    user = make_user(role="counsellor", agency=centre)
    Membership.objects.create(user=user, agency=partner, role="partner_staff")
    assert agency_ids_of(user) == {centre.pk, partner.pk}
    assert agency_ids_of(user, "partner_staff") == {partner.pk}
    assert roles_of(user, agency=centre) == {"counsellor"}
    assert has_role(user, "partner_staff", agency=partner)
    assert not has_role(user, "centre_manager")


def test_an_inactive_membership_grants_nothing(make_user) -> None:
    user = make_user(role="centre_manager")
    Membership.objects.filter(user=user).update(is_active=False)
    assert not is_staff_member(user)


def test_staff_sign_in_leads_to_the_console_showing_agency_and_role(counsellor, agency) -> None:
    client = Client()
    response = client.post("/en/accounts/login/", {"username": counsellor.username, "password": PASSWORD}, follow=True)
    assert response.status_code == 200
    page = response.content.decode()
    assert agency.name in page
    assert "Counsellor" in page


def test_five_wrong_passwords_lock_the_account_even_with_the_right_one(counsellor) -> None:
    client = Client()
    for _ in range(5):
        client.post("/en/accounts/login/", {"username": counsellor.username, "password": "wrong password"})
    response = client.post("/en/accounts/login/", {"username": counsellor.username, "password": PASSWORD})
    assert response.status_code == 429
    assert "locked" in response.content.decode()
    assert "_auth_user_id" not in client.session


@override_settings(ONDOL_REQUIRE_2FA=True)
def test_in_production_mode_staff_without_two_factor_are_sent_to_set_it_up(counsellor) -> None:
    client = Client()
    client.force_login(counsellor)
    response = client.get("/en/accounts/console/")
    assert response.status_code == 302
    assert response["Location"] == "/en/accounts/2fa/setup/"


@override_settings(ONDOL_REQUIRE_2FA=True)
def test_in_production_mode_the_api_refuses_an_unverified_staff_session(counsellor) -> None:
    client = Client()
    client.force_login(counsellor)
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "two_factor_required"


@override_settings(ONDOL_REQUIRE_2FA=True)
def test_a_correct_authenticator_code_unlocks_the_console(counsellor) -> None:
    client = Client()
    client.force_login(counsellor)
    client.get("/en/accounts/2fa/setup/")
    device = TOTPDevice.objects.get(user=counsellor)
    response = client.post("/en/accounts/2fa/setup/", {"code": _code(device)})
    assert response.status_code == 302
    assert client.get("/en/accounts/console/").status_code == 200


@override_settings(ONDOL_REQUIRE_2FA=True)
def test_a_wrong_authenticator_code_is_refused_with_a_message(counsellor) -> None:
    client = Client()
    client.force_login(counsellor)
    client.get("/en/accounts/2fa/setup/")
    device = TOTPDevice.objects.get(user=counsellor)
    wrong = "000000" if _code(device) != "000000" else "111111"
    response = client.post("/en/accounts/2fa/setup/", {"code": wrong})
    assert response.status_code == 200
    assert "That code is not right" in response.content.decode()
    assert client.get("/en/accounts/console/").status_code == 302


@override_settings(ONDOL_REQUIRE_2FA=False)
def test_in_the_demo_two_factor_is_optional(counsellor) -> None:
    client = Client()
    client.force_login(counsellor)
    assert client.get("/en/accounts/console/").status_code == 200


def test_a_staff_member_gets_an_api_token_and_uses_it(counsellor) -> None:
    client = Client()
    response = client.post("/api/v1/auth/token", {"username": counsellor.username, "password": PASSWORD,
                                                   "name": "laptop"}, content_type="application/json")
    assert response.status_code == 201
    token = response.json()["token"]
    from ondol.accounts.services import user_for_token

    assert user_for_token(token) == counsellor
    assert user_for_token(token + "x") is None


def test_a_user_without_an_agency_gets_no_api_token(db) -> None:
    user = UserFactory(username="resident")
    user.save()
    response = Client().post("/api/v1/auth/token", {"username": "resident", "password": PASSWORD},
                             content_type="application/json")
    assert response.status_code == 403


@pytest.mark.parametrize("path", ["/en/accounts/console/", "/en/staff/core/audit/"])
def test_staff_pages_ask_anonymous_visitors_to_sign_in(db, path: str) -> None:
    response = Client().get(path)
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]
