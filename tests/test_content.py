"""Shipped content: every step and guide sourced and dated, and written as the field writes."""

from __future__ import annotations

import json
import re
from datetime import date, timedelta
from pathlib import Path
from urllib.parse import urlparse

import polib
import pytest
from django.conf import settings
from django.utils import timezone

from checklists.models import ChecklistItem, ChecklistTemplate
from newcomers.journey import JOURNEY
from newcomers.models import Consent, Guide

from .factories import UserFactory, sign_in_with_mfa

DATA = Path(settings.BASE_DIR) / "newcomers" / "data"
LANGUAGES = [code for code, _name in settings.LANGUAGES]


def load(name: str) -> dict:
    return json.loads((DATA / name).read_text(encoding="utf-8"))


SOURCES = {source["key"]: source for source in load("sources.json")["sources"]}
STEPS = load("national_checklist.json")["items"]
GUIDES = load("guides.json")["guides"]
CONTENT = [*(("step", s["key"], s) for s in STEPS), *(("guide", g["slug"], g) for g in GUIDES)]
# The employers' readiness questions: advice, with sources where they state a fact.
READINESS = json.loads(
    (Path(settings.BASE_DIR) / "employers" / "data" / "readiness.json").read_text(encoding="utf-8")
)["questions"]


@pytest.mark.parametrize(
    ("kind", "name", "entry"), CONTENT, ids=[f"{k}:{n}" for k, n, _ in CONTENT]
)
def test_shipped_content_names_its_sources_and_check_date(kind, name, entry):
    assert entry["sources"], f"{kind} {name} has no source"
    unknown = [key for key in entry["sources"] if key not in SOURCES]
    assert not unknown, f"{kind} {name} names unknown sources {unknown}"
    checked = date.fromisoformat(entry["checked_on"])
    assert checked <= timezone.localdate(), f"{kind} {name} is checked in the future"
    assert 30 <= entry["review_interval_days"] <= 730


@pytest.mark.parametrize("source", SOURCES.values(), ids=list(SOURCES))
def test_each_source_is_a_page_not_a_home_page_and_titled_in_every_language(source):
    url = urlparse(source["url"])
    assert url.scheme == "https"
    assert url.path.strip("/"), f"{source['key']} links a home page"
    assert source["language"] in LANGUAGES
    assert all(source["title"].get(code) for code in LANGUAGES), source["key"]


def test_every_source_is_used():
    used = {key for _kind, _name, entry in CONTENT for key in entry["sources"]}
    used |= {key for question in READINESS for key in question["sources"]}
    assert set(SOURCES) == used


def test_readiness_questions_name_known_sources_and_a_check_date():
    for question in READINESS:
        assert set(question["sources"]) <= set(SOURCES), question["key"]
        assert date.fromisoformat(question["checked_on"]) <= timezone.localdate()


def swedish_texts() -> list[str]:
    texts = [s["title"]["sv"] + "\n" + s["body"]["sv"] for s in STEPS]
    texts += [g["title"]["sv"] + "\n" + g["summary"]["sv"] + "\n" + g["body"]["sv"] for g in GUIDES]
    authorities = load("national_checklist.json")["authorities"]
    texts += [a["name"]["sv"] + "\n" + a["handles"]["sv"] for a in authorities]
    catalogue = polib.pofile(str(Path(settings.BASE_DIR) / "locale/sv/LC_MESSAGES/django.po"))
    texts += [entry.msgstr for entry in catalogue]
    texts += [text for entry in catalogue for text in entry.msgstr_plural.values()]
    return texts


@pytest.mark.parametrize(
    ("word", "why"),
    [
        (
            r"nyanl[äa]nd",
            "municipalities mean refugees by nyanlända; people who move are nyinflyttade",
        ),
        (
            r"handläggare|[Hh]andläggs av",
            "neither officers nor a bank or an employer are handläggare",
        ),
        (r"\bDELETE\b", "no English words on Swedish screens"),
        (r"värdavtal|mottagandeavtal", "the agreement for researchers is a mottagningsavtal"),
    ],
)
def test_swedish_reads_as_a_municipality_writes_it(word, why):
    offending = [text[:80] for text in swedish_texts() if re.search(word, text)]
    assert not offending, f"{why}: {offending}"


def test_researchers_read_mottagningsavtal_and_no_two_year_rule():
    research = next(s for s in STEPS if s["key"] == "research-permit")
    assert "mottagningsavtal" in research["body"]["sv"]
    assert "mottagningsavtal" in research["body"]["en"]
    assert "två år" not in research["body"]["sv"]


def test_no_step_sends_people_to_a_calendar_landa_does_not_have():
    welcome = next(s for s in STEPS if s["key"] == "welcome-event")
    for code in LANGUAGES:
        assert "Landa" not in welcome["body"][code], code


def test_only_consents_for_features_that_exist_are_offered(client, national, geography):
    from .journeys import onboard

    user = UserFactory()
    onboard(client, user)
    html = client.get("/en/newcomers/consents/").content.decode()
    assert "My municipality may contact me" in html
    assert "follow-up surveys" in html  # they exist since decision 0012
    assert "employer may see" not in html  # no employer's steps on this journey
    response = client.post("/en/newcomers/consents/", {"kind": "employer_progress", "given": "1"})
    assert response.status_code == 404
    assert not Consent.objects.filter(user=user).exists()


def test_the_journey_page_shows_check_date_and_sources(client, national, geography):
    from .journeys import onboard

    user = UserFactory()
    onboard(client, user)
    html = client.get("/sv/newcomers/journey/").content.decode()
    assert "Kontrollerad" in html
    assert 'hreflang="sv"' in html and "migrationsverket.se" in html
    english = client.get("/en/newcomers/journey/").content.decode()
    assert "(in Swedish)" in english  # a Swedish page, linked from an English one


def test_a_guide_shows_check_date_and_sources(client, national, guides):
    html = client.get("/en/newcomers/guides/work-and-permits/").content.decode()
    assert "Checked on" in html
    assert "Swedish Migration Agency: New rules for work permits from 1 June 2026" in html


def review_admin(client, url: str) -> str:
    sign_in_with_mfa(client, UserFactory(is_staff=True, is_superuser=True))
    return client.get(url).content.decode()


def test_staff_see_what_is_due_for_review(client, db):
    template = ChecklistTemplate.objects.create(kind=JOURNEY.key, layer="national", name_sv="n")
    today = timezone.localdate()
    ChecklistItem.objects.create(
        template=template,
        key="stale-step",
        title_sv="Gammalt steg",
        title_en="Stale step",
        phase="first_weeks",
        checked_on=today - timedelta(days=400),
        review_interval_days=365,
    )
    ChecklistItem.objects.create(
        template=template,
        key="fresh-step",
        title_sv="Nytt steg",
        title_en="Fresh step",
        phase="first_weeks",
        checked_on=today,
    )
    ChecklistItem.objects.create(
        template=template,
        key="unchecked-step",
        title_sv="u",
        title_en="Unchecked step",
        phase="first_weeks",
    )
    html = review_admin(client, "/en/admin/checklists/checklistitem/?review=due")
    assert "stale-step" in html and "unchecked-step" in html
    assert "fresh-step" not in html
    current = client.get("/en/admin/checklists/checklistitem/?review=current").content.decode()
    assert "fresh-step" in current and "stale-step" not in current


def test_guides_due_for_review_are_listed_for_staff(client, guides):
    Guide.objects.filter(slug="housing").update(review_due_on=timezone.localdate() - timedelta(1))
    html = review_admin(client, "/en/admin/newcomers/guide/?review=due")
    assert "Finding a home" in html
    assert "Health care" not in html
