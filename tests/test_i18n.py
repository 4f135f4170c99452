"""Every page under a language prefix, with lang, dir and alternates; the switcher."""

import re

import pytest

from .factories import UserFactory
from .pages import LANGUAGES, PUBLIC_PAGES

pytestmark = pytest.mark.django_db

PAGES = PUBLIC_PAGES


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("page", PAGES)
def test_every_page_exists_in_every_language(client, language, page):
    response = client.get(f"/{language}/{page}")
    assert response.status_code == 200
    html = response.content.decode()
    direction = "rtl" if language == "ar" else "ltr"
    assert f'<html lang="{language}" dir="{direction}">' in html
    for other in LANGUAGES:
        assert f'hreflang="{other}" href="http://testserver/{other}/{page}"' in html


def test_home_is_in_the_language_of_its_prefix(client):
    assert "Vem är du?" in client.get("/sv/").content.decode()
    assert "Who are you?" in client.get("/en/").content.decode()


def test_unknown_language_prefix_is_a_404_in_the_default_language(client):
    response = client.get("/xx/about/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 404
    assert '<html lang="sv" dir="ltr">' in response.content.decode()


def test_switcher_keeps_the_page_and_its_query(client):
    response = client.post("/i18n/switch/", {"language": "ar", "next": "/sv/about/?x=1"})
    assert response.status_code == 302
    assert response["Location"] == "/ar/about/?x=1"
    assert response.cookies["django_language"].value == "ar"


def test_switcher_refuses_to_redirect_off_site(client):
    response = client.post("/i18n/switch/", {"language": "en", "next": "https://evil.example/"})
    assert response["Location"] == "/en/"


def test_switcher_ignores_an_unknown_language(client):
    response = client.post("/i18n/switch/", {"language": "xx", "next": "/sv/about/"})
    assert response["Location"] == "/sv/about/"


def test_switching_saves_a_signed_in_users_language(client):
    user = UserFactory(preferred_language="en")
    client.force_login(user)
    client.post("/i18n/switch/", {"language": "uk", "next": "/en/"})
    user.refresh_from_db()
    assert user.preferred_language == "uk"


def test_root_sends_a_signed_in_user_to_their_language(client):
    client.force_login(UserFactory(preferred_language="ar"))
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="sv")
    assert response["Location"] == "/ar/"


def test_root_follows_the_browser_for_visitors(client):
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="uk,en;q=0.5")["Location"] == "/uk/"


def test_home_page_query_count_is_bounded(client, django_assert_max_num_queries):
    client.force_login(UserFactory())
    with django_assert_max_num_queries(3):
        assert client.get("/en/").status_code == 200


def test_pages_send_a_content_security_policy_without_unsafe_inline(client):
    policy = client.get("/en/")["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "unsafe-inline" not in policy


def test_no_inline_script_or_style_in_site_pages(client):
    for page in PAGES:
        html = client.get(f"/en/{page}").content.decode()
        assert not re.search(r"<script(?![^>]*\bsrc=)", html), page
        assert "<style" not in html and " style=" not in html, page
