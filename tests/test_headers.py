"""Headers on every response: browser features off, private pages never cached."""

import pytest

from .factories import UserFactory
from .journeys import onboard


def test_every_page_turns_off_browser_features_it_does_not_use(client, db):
    response = client.get("/en/")
    policy = response["Permissions-Policy"]
    assert "camera=()" in policy and "geolocation=()" in policy and "microphone=()" in policy
    assert "no-store" not in response.get("Cache-Control", "")  # public pages may be cached


@pytest.mark.parametrize(
    "path",
    [
        "/en/newcomers/journey/",
        "/en/newcomers/journey/print/",
        "/en/newcomers/my-data/",
        "/en/newcomers/my-data/download/",
        "/en/newcomers/profile/",
    ],
)
def test_a_signed_in_persons_pages_are_private_and_not_stored(client, national, geography, path):
    onboard(client, UserFactory())
    response = client.get(path)
    assert response.status_code == 200
    cache_control = response["Cache-Control"]
    assert "private" in cache_control and "no-store" in cache_control


def test_the_officer_desk_is_not_stored(client, db):
    from .factories import OfficerFactory, sign_in_with_mfa

    officer = OfficerFactory()
    sign_in_with_mfa(client, officer.user)
    response = client.get("/en/municipalities/desk/")
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
