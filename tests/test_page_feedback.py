"""Feedback on every page: pages whose editors own them carry the form; every other
page links to one from its footer, whose answers ("helpful", "not helpful", "could not
find what I needed", and a comment) go to Landa's staff, never to a municipality's
to-do. A form with an error keeps what was typed; only an address on this site is
taken as the page."""

from __future__ import annotations

import pytest

from municipalities.models import PlaceFeedback

from .test_cases import DESK, officer_client

pytestmark = pytest.mark.usefixtures("geography")


def test_every_other_page_links_to_the_feedback_form(client):
    html = client.get("/sv/").content.decode()
    assert 'href="/sv/feedback/?page=/sv/"' in html
    place = client.get("/sv/places/jamtlands-lan/ostersund/").content.decode()
    assert "/sv/feedback/?page=" not in place and 'id="feedback"' in place  # its own form


def test_an_answer_about_a_page_reaches_landas_staff_and_the_reader_goes_back(client):
    form = "/en/feedback/?page=/en/about/"
    page = client.get(form)
    assert page.status_code == 200 and 'href="/en/about/"' in page.content.decode()
    payload = "<script>alert(1)</script> the opening hours"
    response = client.post("/en/feedback/", {"page": "/en/about/", "comment": payload})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Choose one answer." in html and "&lt;script&gt;alert(1)" in html
    assert "<script>alert(1)" not in html and not PlaceFeedback.objects.exists()
    response = client.post(
        "/en/feedback/", {"page": "/en/about/", "answer": "missing", "comment": payload}
    )
    assert response.status_code == 302 and response["Location"] == "/en/about/"
    answer = PlaceFeedback.objects.get()
    assert answer.municipality is None and answer.region is None
    assert answer.could_not_find and not answer.helpful and answer.about_url == "/en/about/"
    editor, _officer = officer_client(role="editor")
    assert "the opening hours" not in editor.get(f"{DESK}todo/").content.decode()


def test_only_an_address_on_this_site_is_taken_as_the_page(client):
    for elsewhere in ("https://evil.example/", "//evil.example/x", "javascript:alert(1)"):
        response = client.post("/en/feedback/", {"page": elsewhere, "answer": "yes"})
        assert response.status_code == 302 and "evil" not in response["Location"]
    assert set(PlaceFeedback.objects.values_list("about_url", flat=True)) == {""}
