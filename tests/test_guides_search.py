"""National guides with "was this helpful?", and search in the reader's language."""

import pytest

from newcomers.models import Guide, GuideFeedback


def test_ten_guides_in_every_language(guides):
    assert Guide.objects.count() == 10
    assert set(Guide.objects.values_list("topic", flat=True)) == set(Guide.Topic.values)
    for guide in Guide.objects.all():
        for code in ("sv", "en", "ar", "uk"):
            for field in ("title", "summary", "body"):
                assert getattr(guide, f"{field}_{code}"), (guide.slug, field, code)


@pytest.mark.parametrize("language", ["sv", "en", "ar", "uk"])
def test_guide_pages_render(client, guides, language):
    assert client.get(f"/{language}/newcomers/guides/").status_code == 200
    response = client.get(f"/{language}/newcomers/guides/housing/")
    assert response.status_code == 200
    html = response.content.decode()
    guide = Guide.objects.get(slug="housing")
    assert guide.__dict__[f"title_{language}"] in html
    assert f'datetime="{guide.checked_on:%Y-%m-%d}"' in html  # "Checked on …"


def test_helpful_answers_are_stored_for_staff(client, guides):
    client.post("/sv/newcomers/guides/housing/feedback/", {"helpful": "1"})
    client.post("/ar/newcomers/guides/housing/feedback/", {"helpful": "0"})
    client.post("/ar/newcomers/guides/housing/feedback/", {"helpful": "maybe"})
    answers = list(GuideFeedback.objects.order_by("pk").values_list("helpful", "language"))
    assert answers == [(True, "sv"), (False, "ar")]


def test_unknown_guide_is_404(client, guides):
    assert client.get("/en/newcomers/guides/nope/").status_code == 404


@pytest.mark.parametrize(
    ("language", "query", "expected"),
    [
        ("en", "driving licences", "Start early on a Swedish driving licence"),
        ("sv", "körkort", "Börja tidigt med ett svenskt körkort"),
        ("en", "personnummer", None),
    ],
)
def test_search_finds_guides_and_steps_in_the_readers_language(
    client,
    guides,
    national,
    language,
    query,
    expected,
):
    html = client.get(f"/{language}/search/", {"q": query}).content.decode()
    assert ">0 results for" not in html
    if expected:
        assert expected in html


def test_search_with_nothing_to_find(client, guides):
    html = client.get("/en/search/", {"q": "zzzqqq"}).content.decode()
    assert "0 results for “zzzqqq”" in html


def test_search_escapes_what_was_typed(client, guides):
    html = client.get("/en/search/", {"q": "<script>alert(1)</script>"}).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;" in html


def test_guides_come_in_the_order_of_a_move_and_name_sites_as_links(client, guides):
    from newcomers.choices import PHASE_CHOICES
    from newcomers.models import Guide

    page = client.get("/en/newcomers/guides/").content.decode()
    shown = [g for g in Guide.objects.all() if g.get_absolute_url() in page]
    shown.sort(key=lambda g: page.index(g.get_absolute_url()))
    phases = [value for value, _label in PHASE_CHOICES]
    assert [phases.index(g.phase) for g in shown] == sorted(phases.index(g.phase) for g in shown)

    guide = Guide.objects.get(slug="work-and-permits")
    html = client.get(guide.get_absolute_url()).content.decode()
    assert '<a href="https://migrationsverket.se" rel="noopener">migrationsverket.se</a>' in html


def test_a_site_link_never_carries_markup_from_the_text():
    from newcomers.templatetags.guides import with_site_links

    html = with_site_links('<script>x</script> see skatteverket.se, or a@b.se "q"')
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert '<a href="https://skatteverket.se" rel="noopener">skatteverket.se</a>' in html
    assert 'href="https://b.se"' not in html  # an address is not a site
