"""The journey page a person scans: compact rows, done steps folded, notes behind
disclosure, every action a plain form, and a bounded number of queries."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.test.html import Element, parse_html

from checklists.models import InstanceItem
from newcomers.models import NewcomerProfile
from newcomers.services import journey_sync

from .factories import UserFactory
from .journeys import onboard

JOURNEY = "/en/newcomers/journey/"


@pytest.fixture
def newcomer(client, national, geography):
    user = UserFactory(preferred_language="en")
    onboard(client, user)
    return user


def rows(user):
    return InstanceItem.objects.filter(instance__newcomer__user=user, state="active")


def walk(node: Element, ancestors: tuple[Element, ...] = ()) -> Iterator[tuple]:
    """Every element of a parsed page with the elements around it, outermost first."""
    for child in node.children:
        if isinstance(child, Element):
            yield child, ancestors
            yield from walk(child, (*ancestors, child))


def attribute(element: Element, name: str) -> str | None:
    return next((value for key, value in element.attributes if key == name), None)


def has_class(element: Element, name: str) -> bool:
    return name in (attribute(element, "class") or "").split()


def text(element: Element) -> str:
    return " ".join(
        text(child) if isinstance(child, Element) else child for child in element.children
    )


def page(client) -> Element:
    response = client.get(JOURNEY)
    assert response.status_code == 200
    return parse_html(response.content.decode())


def step(document: Element, key: str) -> tuple[Element, tuple[Element, ...]]:
    return next((e, around) for e, around in walk(document) if attribute(e, "id") == f"step-{key}")


def enclosing(root: Element, target: Element) -> tuple[Element, ...]:
    return next(around for e, around in walk(root) if e is target)


def around_the_note_field(row: Element) -> Element:
    """The disclosure the note's text field is in."""
    _field, around = next((e, a) for e, a in walk(row) if e.name == "textarea")
    return next(e for e in reversed(around) if e.name == "details")


def test_done_steps_fold_into_a_closed_details_in_their_phase(client, newcomer):
    client.post("/en/newcomers/journey/steps/work-permit/done/", {"done": "1"})
    client.post("/en/newcomers/journey/steps/find-housing/done/", {"done": "1"})
    document = page(client)
    for key in ("work-permit", "find-housing"):
        _row, around = step(document, key)
        fold = next(e for e in around if e.name == "details")
        assert has_class(fold, "done-steps")
        assert attribute(fold, "open") is None
        summary = next(e for e in fold.children if isinstance(e, Element))
        assert summary.name == "summary"
        assert text(summary).startswith("2 done steps")
        assert "Before you arrive" in text(summary)  # named by its phase for a screen reader
    _row, around = step(document, "id-card")
    assert not any(has_class(e, "done-steps") for e in around)


def test_a_done_step_in_the_fold_can_be_undone(client, newcomer):
    client.post("/en/newcomers/journey/steps/work-permit/done/", {"done": "1"})
    row, _around = step(page(client), "work-permit")
    form = next(e for e, _ in walk(row) if e.name == "form" and has_class(e, "step-toggle"))
    assert attribute(form, "action") == "/en/newcomers/journey/steps/work-permit/done/"
    assert "Undo: mark as not done" in text(form)
    client.post("/en/newcomers/journey/steps/work-permit/done/", {"done": "0"})
    _row, around = step(page(client), "work-permit")
    assert not any(has_class(e, "done-steps") for e in around)


def test_a_phase_with_every_step_done_says_so(client, newcomer):
    before_arrival = [
        row.key
        for row in rows(newcomer).select_related("item")
        if row.item.phase == "before_arrival"
    ]
    for key in before_arrival:
        client.post(f"/en/newcomers/journey/steps/{key}/done/", {"done": "1"})
    html = client.get(JOURNEY).content.decode()
    assert "Every step of this phase is done." in html
    assert f"{len(before_arrival)} done steps" in html


def test_what_to_do_why_and_an_empty_note_are_behind_closed_disclosures(client, newcomer):
    row, _around = step(page(client), "id-card")
    note = around_the_note_field(row)
    assert attribute(note, "open") is None
    assert text(next(e for e, _ in walk(note) if e.name == "summary")).startswith(
        "Add a private note"
    )
    assert not any(has_class(e, "step-note") for e, _ in walk(row))  # no empty note shown
    summaries = [text(e) for e, _ in walk(row) if e.name == "summary"]
    assert [s.split(":")[0].strip() for s in summaries] == [
        "What to do",
        "Why this step",
        "Add a private note",
    ]
    assert all("Apply for a Swedish ID card" in s for s in summaries)  # accessible names
    assert all(attribute(e, "open") is None for e, _ in walk(row) if e.name == "details")


def test_a_note_is_shown_with_its_editor_behind_a_disclosure(client, newcomer):
    client.post("/en/newcomers/journey/steps/id-card/note/", {"note": "Book at the office"})
    row, _around = step(page(client), "id-card")
    shown = next(e for e, _ in walk(row) if has_class(e, "step-note"))
    assert "Book at the office" in text(shown)
    assert not any(e.name == "details" for e in enclosing(row, shown))
    editor = around_the_note_field(row)
    assert attribute(editor, "open") is None
    assert "Edit my note" in text(editor)
    assert "Book at the office" in text(next(e for e, _ in walk(editor) if e.name == "textarea"))


def test_every_step_keeps_its_id_and_plain_forms(client, newcomer):
    document = page(client)
    keys = set(rows(newcomer).values_list("key", flat=True))
    ids = {attribute(e, "id") for e, _ in walk(document) if has_class(e, "step")}
    assert ids == {f"step-{key}" for key in keys}
    actions = {attribute(e, "action") for e, _ in walk(document) if e.name == "form"}
    for key in keys:
        assert f"/en/newcomers/journey/steps/{key}/done/" in actions
        assert f"/en/newcomers/journey/steps/{key}/note/" in actions
    assert "<script" not in client.get(JOURNEY).content.decode()


def test_journey_page_queries_stay_bounded_with_done_steps_and_notes(
    client, newcomer, django_assert_max_num_queries
):
    for key in ("work-permit", "find-housing", "id-card"):
        client.post(f"/en/newcomers/journey/steps/{key}/done/", {"done": "1"})
        client.post(f"/en/newcomers/journey/steps/{key}/note/", {"note": "noted"})
    # 11: the association step reads a few activities near the newcomer (one query), and
    # the session and the person's state are read first to find a kept page (one more,
    # and once per database connection its preparing; caching.personal).
    with django_assert_max_num_queries(11):
        assert client.get(JOURNEY).status_code == 200
    profile = NewcomerProfile.objects.get(user=newcomer)
    profile.stay_months = 48
    profile.save()
    journey_sync(profile=profile)  # more steps now
    with django_assert_max_num_queries(11):
        assert client.get(JOURNEY).status_code == 200


def test_the_wizard_wraps_the_partner_job_question_to_show_only_with_a_partner(client, newcomer):
    html = client.get("/en/newcomers/start/family/").content.decode()
    start = html.index('<div class="if-partner-moves">')
    question = html[start : html.index("</fieldset>", start)]
    assert "Does your partner already have a job in Sweden?" in question
    assert html.count("if-partner-moves") == 1
