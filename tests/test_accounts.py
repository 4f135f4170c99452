"""Accounts: email login with verification, mail through the outbox, MFA for staff and officers."""

import re

import pytest
from allauth.account.models import EmailAddress

from accounts.models import User
from outbox.models import OutgoingMessage

from .factories import PASSWORD, OfficerFactory, UserFactory, sign_in_with_mfa, totp_for

pytestmark = pytest.mark.django_db


def signup(client, email="new@example.org", language="en"):
    return client.post(
        f"/{language}/accounts/signup/",
        {"email": email, "password1": PASSWORD, "password2": PASSWORD},
    )


def test_signup_queues_a_verification_mail_in_the_signup_language(client):
    response = signup(client, language="sv")
    assert response.status_code == 302
    user = User.objects.get(email="new@example.org")
    assert user.preferred_language == "sv"
    message = OutgoingMessage.objects.get(recipient="new@example.org")
    assert message.kind == "email_confirmation_signup"
    assert message.language == "sv"
    assert "/sv/accounts/confirm-email/" in message.body_text


def test_login_is_refused_until_the_email_is_verified(client):
    signup(client)
    client.logout()
    response = client.post(
        "/en/accounts/login/", {"login": "new@example.org", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert "confirm-email" in response["Location"]
    assert "_auth_user_id" not in client.session


def test_confirming_the_email_then_logging_in_lands_in_the_users_language(client):
    signup(client, language="uk")
    body = OutgoingMessage.objects.get(recipient="new@example.org").body_text
    confirm_url = re.search(r"http://testserver(/uk/accounts/confirm-email/[^\s]+)", body).group(1)
    client.post(confirm_url)
    assert EmailAddress.objects.get(email="new@example.org").verified
    welcome = OutgoingMessage.objects.get(kind="welcome")
    assert welcome.language == "uk"
    assert "/uk/" in welcome.body_text
    response = client.post(
        "/en/accounts/login/", {"login": "new@example.org", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert response["Location"] == "/uk/newcomers/start/"  # no role yet: the wizard


def test_signing_up_with_an_existing_email_reveals_nothing(client):
    UserFactory(email="taken@example.org")
    response = signup(client, email="taken@example.org")
    assert response.status_code == 302  # same as a new address: "check your inbox"
    assert User.objects.filter(email="taken@example.org").count() == 1
    message = OutgoingMessage.objects.get(recipient="taken@example.org")
    assert message.kind == "account_already_exists"


def test_password_reset_mail_goes_through_the_outbox(client):
    UserFactory(email="forgot@example.org", preferred_language="ar")
    client.post("/en/accounts/password/reset/", {"email": "forgot@example.org"})
    message = OutgoingMessage.objects.get(recipient="forgot@example.org")
    assert message.language == "ar"
    assert "/accounts/password/reset/key/" in message.body_text


def test_login_by_code_is_offered(client):
    response = client.get("/en/accounts/login/code/")
    assert response.status_code == 200


def test_repeated_failed_logins_are_rate_limited(client):
    UserFactory(email="target@example.org")
    for _ in range(5):
        client.post("/en/accounts/login/", {"login": "target@example.org", "password": "wrong"})
    response = client.post(
        "/en/accounts/login/", {"login": "target@example.org", "password": PASSWORD}
    )
    assert "Too many failed login attempts" in response.content.decode()
    assert "_auth_user_id" not in client.session


# --- MFA for officers and staff ---------------------------------------------------------


def test_officer_without_mfa_cannot_reach_the_officer_desk(client):
    officer = OfficerFactory()
    client.force_login(officer.user)
    response = client.get("/en/municipalities/desk/")
    assert response.status_code == 302
    assert response["Location"] == "/en/accounts/2fa/"


def test_officer_with_mfa_reaches_the_desk(client):
    officer = OfficerFactory()
    sign_in_with_mfa(client, officer.user)
    response = client.get("/en/municipalities/desk/")
    assert response.status_code == 200
    assert "Östersund" in response.content.decode()


def test_newcomer_gets_403_at_the_officer_desk_even_with_mfa(client):
    user = UserFactory()
    totp_for(user)
    client.force_login(user)
    assert client.get("/en/municipalities/desk/").status_code == 403


def test_stranger_is_sent_to_sign_in_from_the_officer_desk(client):
    response = client.get("/en/municipalities/desk/")
    assert response.status_code == 302
    assert response["Location"].startswith("/en/accounts/login/")


def test_staff_without_mfa_cannot_reach_the_admin(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    response = client.get("/en/admin/")
    assert response.status_code == 302
    assert response["Location"] == "/en/accounts/2fa/"


def test_staff_with_mfa_reaches_the_admin(client):
    sign_in_with_mfa(client, UserFactory(is_staff=True, is_superuser=True))
    assert client.get("/en/admin/").status_code == 200


def test_staff_signed_in_by_password_alone_are_asked_for_their_code(client):
    """An authenticator that exists is not enough: this session must have passed it."""
    staff = UserFactory(is_staff=True, is_superuser=True)
    totp_for(staff)
    client.force_login(staff)  # as after a password, without the second step
    response = client.get("/en/admin/portal/outgoingmessage/")
    assert response.status_code == 302
    assert response["Location"] == (
        "/en/accounts/2fa/reauthenticate/?next=%2Fen%2Fadmin%2Fportal%2Foutgoingmessage%2F"
    )


def test_officers_signed_in_by_password_alone_are_asked_for_their_code(client):
    officer = OfficerFactory()
    totp_for(officer.user)
    client.force_login(officer.user)
    response = client.get("/en/municipalities/desk/")
    assert response["Location"].startswith("/en/accounts/2fa/reauthenticate/")


def test_the_admin_login_form_cannot_sign_staff_in_with_a_password(client):
    staff = UserFactory(is_staff=True, is_superuser=True)
    totp_for(staff)
    response = client.post(
        "/en/admin/login/?next=/en/admin/", {"username": staff.email, "password": PASSWORD}
    )
    assert response.status_code == 302
    assert response["Location"] == "/en/accounts/login/?next=/en/admin/"
    assert "_auth_user_id" not in client.session
    assert client.get("/en/admin/")["Location"].startswith("/en/admin/login/")


def test_staff_passing_the_code_at_sign_in_reach_the_admin(client):
    from allauth.mfa.totp.internal.auth import hotp_value, yield_hotp_counters_from_time

    staff = UserFactory(is_staff=True, is_superuser=True)
    secret = totp_for(staff).data["secret"]
    response = client.post("/en/accounts/login/", {"login": staff.email, "password": PASSWORD})
    assert response["Location"].startswith("/en/accounts/2fa/authenticate/")
    code = hotp_value(secret, next(yield_hotp_counters_from_time()))
    response = client.post("/en/accounts/2fa/authenticate/", {"code": f"{code:06d}"})
    assert response.status_code == 302
    assert client.get("/en/admin/").status_code == 200


def test_login_failures_are_throttled_before_the_right_password(client):
    staff = UserFactory(is_staff=True, is_superuser=True)
    for _attempt in range(12):
        client.post("/en/accounts/login/", {"login": staff.email, "password": "wrong"})
    response = client.post("/en/accounts/login/", {"login": staff.email, "password": PASSWORD})
    assert "Too many failed login attempts" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_non_staff_get_403_from_the_admin(client):
    user = UserFactory()
    sign_in_with_mfa(client, user)
    assert client.get("/en/admin/portal/outgoingmessage/").status_code == 403
    assert client.get("/en/admin/login/").status_code == 403


@pytest.mark.parametrize("language", ["sv", "en", "ar", "uk"])
def test_account_pages_use_the_site_design(client, language):
    for page in ["login/", "signup/", "password/reset/", "login/code/"]:
        html = client.get(f"/{language}/accounts/{page}").content.decode()
        assert 'class="site-header"' in html, page
        assert f'<html lang="{language}"' in html, page


@pytest.mark.parametrize(
    ("language", "label"),
    [("sv", "E-post"), ("ar", "البريد الإلكتروني"), ("uk", "Електронна пошта")],
)
def test_sign_in_form_labels_are_in_the_page_language(client, language, label):
    html = client.get(f"/{language}/accounts/login/").content.decode()
    assert f'<label for="id_login">{label}:</label>' in html


def test_sign_in_limits_key_on_the_client_behind_the_proxy(client, settings):
    """Ten bad sign-ins from one client behind the proxy do not lock out another."""
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    for number in range(12):
        client.post(
            "/en/accounts/login/",
            {"login": f"nobody{number}@example.org", "password": "wrong"},
            HTTP_X_FORWARDED_FOR="203.0.113.9",
        )
    blocked = client.post(
        "/en/accounts/login/",
        {"login": "nobody99@example.org", "password": "wrong"},
        HTTP_X_FORWARDED_FOR="203.0.113.9",
    )
    assert blocked.status_code == 429 or "Too many" in blocked.content.decode()
    user = UserFactory()
    response = client.post(
        "/en/accounts/login/",
        {"login": user.email, "password": PASSWORD},
        HTTP_X_FORWARDED_FOR="198.51.100.7",
    )
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)


def _lands(client, user) -> str:
    response = client.post("/en/accounts/login/", {"login": user.email, "password": PASSWORD})
    return response["Location"]


def test_each_role_lands_on_its_own_way_in(client, national, geography):
    from .journeys import onboard

    assert _lands(client, UserFactory(email="nobody@example.org")) == "/en/newcomers/start/"
    client.logout()
    officer = OfficerFactory(user__email="desk@example.org")
    assert _lands(client, officer.user) == "/en/municipalities/desk/"
    client.logout()
    newcomer = UserFactory(email="mover@example.org")
    onboard(client, newcomer)
    client.logout()
    assert _lands(client, newcomer) == "/en/newcomers/journey/"
    client.logout()
    staff = UserFactory(email="staff@example.org", is_staff=True)
    assert _lands(client, staff) == "/en/admin/"
