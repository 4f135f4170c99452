"""Search that ranks, links and stems, in both engines; the public page of a step."""

from __future__ import annotations

import re
from html import unescape

import pytest
from django.urls import reverse
from django.utils import translation

from checklists.models import ChecklistItem, ChecklistTemplate
from newcomers.journey import JOURNEY
from newcomers.models import Guide
from newcomers.search import (
    search_in_database,
    search_in_python,
    snippet,
    terms,
)

from .embedded import run_embedded
from .factories import MunicipalityFactory, UserFactory
from .journeys import onboard
from .pages import LANGUAGES

ENGINES = {"database": search_in_database, "python": search_in_python}
BANK_STEP = "bank-account"
BANK_GUIDE = "money-and-tax"


@pytest.fixture
def content(national, guides):
    """The seeded national steps and guides."""


@pytest.fixture(params=list(ENGINES))
def engine(request):
    return ENGINES[request.param]


def step_url(key: str, language: str = "en") -> str:
    with translation.override(language):
        return reverse("newcomers:step_detail", kwargs={"key": key})


def guide_url(slug: str, language: str = "en") -> str:
    with translation.override(language):
        return reverse("newcomers:guide", kwargs={"slug": slug})


def result_links(html: str) -> list[tuple[str, str]]:
    """(href, text) of each result, in the order shown."""
    found = re.findall(r'<h3 class="result-title"><a href="([^"]+)">([^<]*)</a></h3>', html)
    return [(href, unescape(text)) for href, text in found]


# --- Ranking --------------------------------------------------------------------------


def test_bank_puts_banking_first_not_health_care(content, engine):
    hits = engine(query="bank", language="en")
    urls = [hit.url for hit in hits]
    assert urls[0] in {step_url(BANK_STEP), guide_url(BANK_GUIDE)}
    assert {step_url(BANK_STEP), guide_url(BANK_GUIDE)} == set(urls[:2])
    assert guide_url("health-care") not in urls[:2]


def test_guides_and_steps_are_one_list_by_relevance(client, content):
    links = result_links(client.get("/en/search/", {"q": "bank"}).content.decode())
    hrefs = [href for href, _text in links]
    assert hrefs[0] in {step_url(BANK_STEP), guide_url(BANK_GUIDE)}
    kinds = ["step" if "/steps/" in href else "guide" for href in hrefs]
    # Not all guides first: a step comes between guides.
    assert kinds != sorted(kinds)


@pytest.mark.parametrize(
    ("language", "query"),
    [("en", "bank"), ("en", "health"), ("sv", "skatteverket"), ("uk", "банк")],
)
def test_a_title_match_outranks_a_body_only_match(content, engine, language, query):
    wanted = set(terms(query, language))
    with translation.override(language):
        hits = engine(query=query, language=language)
    in_title = [bool(wanted & set(terms(hit.title, language))) for hit in hits]
    assert any(in_title), "the query should match some title"
    assert not all(in_title), "the query should match some body only"
    assert in_title == sorted(in_title, reverse=True), [hit.title for hit in hits]


# --- Stemming ---------------------------------------------------------------------------


def test_banking_finds_the_bank_step_in_english(content, engine):
    urls = [hit.url for hit in engine(query="banking", language="en")]
    assert step_url(BANK_STEP) in urls[:2]


@pytest.mark.parametrize(
    ("language", "query", "title"),
    [
        ("sv", "bankerna", "Bank, BankID och skatt"),
        ("en", "permits", "Work and residence permits"),
        ("ar", "البنك", "البنك وBankID والضرائب"),
    ],
)
def test_other_forms_of_a_word_are_found(content, engine, language, query, title):
    with translation.override(language):
        titles = [hit.title for hit in engine(query=query, language=language)]
    assert title in titles


def test_search_in_ukrainian_compares_lowercased_words(content, engine):
    with translation.override("uk"):
        hits = engine(query="БАНК", language="uk")
    assert hits and hits[0].url == guide_url(BANK_GUIDE, "uk")


def test_arabic_vowel_marks_do_not_split_words():
    assert terms("سجّل", "ar") == terms("سجل", "ar")
    assert len(terms("سجّل في سجل السكان", "ar")) == 4


def test_every_query_word_must_occur(content, engine):
    assert engine(query="bank zzzqqq", language="en") == []
    assert engine(query="   ", language="en") == []


def test_a_word_in_most_documents_does_not_hide_the_others(content):
    """Like a stop word: 'the' is in nearly every English text, so it is left out."""
    assert (
        search_in_python(query="the banking", language="en")[:2]
        == search_in_python(query="banking", language="en")[:2]
    )


def test_the_search_page_on_the_embedded_database(tmp_path):
    """`make run` without DATABASE_URL: SQLite, search in Python, stemmed."""
    script = (
        "import django, json\n"
        "django.setup()\n"
        "from django.core.management import call_command\n"
        "from django.test import Client\n"
        "from newcomers.seed import guides_seed, national_checklist_seed\n"
        "call_command('migrate', verbosity=0)\n"
        "national_checklist_seed(); guides_seed()\n"
        "html = Client().get('/en/search/', {'q': 'banking'}).content.decode()\n"
        "print(json.dumps(html))\n"
    )
    html = run_embedded(script, tmp_path)
    hrefs = [href for href, _text in result_links(html)]
    assert step_url(BANK_STEP) in hrefs[:2]


# --- Links and snippets ---------------------------------------------------------------------


def test_every_hit_is_a_link_and_steps_link_to_their_page(client, content):
    html = client.get("/en/search/", {"q": "bank"}).content.decode()
    links = result_links(html)
    assert len(links) == html.count('class="result"')
    assert all(href.startswith("/en/") for href, _text in links)
    assert (step_url(BANK_STEP), "Open a bank account and get an e-ID") in links
    for href, text in links:
        page = client.get(href)
        assert page.status_code == 200, href
        assert text in unescape(page.content.decode())


def test_snippet_cuts_at_a_word_boundary_with_an_ellipsis():
    text = "Bring your passport and your residence permit to the service office"
    assert snippet(text, limit=30) == "Bring your passport and your…"
    assert snippet(text, limit=28) == "Bring your passport and your…"  # ends on the limit
    assert snippet(text, limit=27) == "Bring your passport and…"
    assert snippet("Short text.", limit=30) == "Short text."
    assert snippet("one,\ntwo, three four", limit=10) == "one, two…"
    assert snippet("Unbreakable" * 5, limit=10) == "Unbreakabl…"


def test_snippets_in_results_end_at_word_boundaries(content, engine):
    steps = {step.title_en: " ".join(step.body_en.split()) for step in ChecklistItem.objects.all()}
    hits = engine(query="personnummer", language="en")
    shortened = [hit for hit in hits if hit.snippet.endswith("…")]
    assert shortened
    for hit in shortened:
        kept = hit.snippet.removesuffix("…")
        source = steps.get(hit.title) or Guide.objects.get(title_en=hit.title).summary_en
        assert source.startswith(kept)
        next_character = source[len(kept)]
        assert not next_character.isalnum(), (hit.title, kept[-20:], source[len(kept) :][:20])


def test_content_is_never_rendered_as_html(client, content):
    Guide.objects.filter(slug=BANK_GUIDE).update(
        summary_en="<b>Bold</b> claims about banks <script>alert(1)</script>"
    )
    html = client.get("/en/search/", {"q": "bank"}).content.decode()
    assert "<b>Bold</b>" not in html and "<script>alert(1)</script>" not in html
    assert "&lt;b&gt;Bold&lt;/b&gt;" in html


def test_search_page_query_count_is_bounded(client, content, django_assert_max_num_queries):
    with django_assert_max_num_queries(4):
        response = client.get("/en/search/", {"q": "bank"})
    assert response.status_code == 200


# --- The step page ----------------------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_step_page_in_every_language(client, content, language):
    step = ChecklistItem.objects.get(key=BANK_STEP)
    response = client.get(step_url(BANK_STEP, language))
    assert response.status_code == 200
    html = unescape(response.content.decode())
    assert f"<h1>{getattr(step, f'title_{language}')}</h1>" in html
    assert f'<html lang="{language}"' in html
    assert f'datetime="{step.checked_on:%Y-%m-%d}"' in html  # "checked on"
    for source in step.sources.all():
        assert f'href="{source.url}"' in html


def test_step_page_links_the_authority_by_name(client, content):
    step = ChecklistItem.objects.select_related("authority").get(key="population-registration")
    authority = step.authority
    assert authority.url
    html = unescape(client.get(step_url(step.key)).content.decode())
    assert f'<a href="{authority.url}" rel="noopener">{authority.name_en}</a>' in html
    assert f">{authority.url}<" not in html  # never a raw address as the text


def test_unknown_step_is_404(client, content):
    assert client.get("/en/newcomers/steps/no-such-step/").status_code == 404


def test_a_municipalitys_own_step_has_no_public_page(client, content):
    local = ChecklistTemplate.objects.create(
        kind=JOURNEY.key, layer="municipal", owner=MunicipalityFactory(), name_sv="Östersund"
    )
    ChecklistItem.objects.create(
        template=local, key="ski-club", title_sv="Skidklubb", title_en="Join the ski club"
    )
    assert client.get(step_url("ski-club")).status_code == 404
    assert not search_in_python(query="ski club", language="en")
    assert not search_in_database(query="ski club", language="en")


def test_steps_of_an_inactive_template_have_no_page(client, content):
    ChecklistTemplate.objects.filter(kind=JOURNEY.key, layer="national").update(is_active=False)
    assert client.get(step_url(BANK_STEP)).status_code == 404
    assert search_in_python(query="bank", language="en")
    assert all("/steps/" not in hit.url for hit in search_in_python(query="bank", language="en"))


def test_a_step_in_my_journey_links_to_it(client, content, geography):
    user = UserFactory()
    onboard(client, user)
    html = client.get(step_url(BANK_STEP)).content.decode()
    assert f'href="{reverse("newcomers:journey")}#step-{BANK_STEP}"' in html
    journey = client.get(reverse("newcomers:journey")).content.decode()
    assert f'id="step-{BANK_STEP}"' in journey


def test_a_step_not_in_my_journey_has_no_such_link(client, content):
    client.force_login(UserFactory())  # signed in, no journey yet
    html = client.get(step_url(BANK_STEP)).content.decode()
    assert "#step-" not in html
    client.logout()
    assert "#step-" not in client.get(step_url(BANK_STEP)).content.decode()


# The page's own queries (the step, its sources, the journey check when signed in) plus
# what every page costs (session, user, roles), with room for one more of those.
@pytest.mark.parametrize(("signed_in", "most"), [(False, 3), (True, 8)])
def test_step_page_query_count_is_bounded(
    client, content, geography, django_assert_max_num_queries, signed_in, most
):
    if signed_in:
        onboard(client, UserFactory())
    with django_assert_max_num_queries(most):
        response = client.get(step_url(BANK_STEP))
    assert response.status_code == 200
