"""A newcomer's own journey: steps by phase, progress, notes, print and calendar."""

from __future__ import annotations

import hashlib
import zlib
from dataclasses import dataclass
from datetime import date, timedelta

from django.core.cache import cache
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from icalendar import Calendar, Event

from associations.selectors import nearby_activities
from caching.content import content_version
from checklists.models import ChecklistInstance, InstanceItem
from checklists.selectors import by_phase, instance_history, instance_items
from checklists.services import instance_item_note, instance_item_set_done
from municipalities.models import Municipality

from ..access import newcomer_required
from ..journey import JOURNEY, SUPPLIED_FACTS
from ..services import journey_of
from ..text import first_paragraph

# What of a row the journey page shows; a change to any of them draws the steps again.
STEP_STATE = (
    "pk",
    "item_id",
    "key",
    "state",
    "position",
    "due_date",
    "depends_on",
    "reasons",
    "done_at",
    "note",
    "removed_at",
)
# A visit's length: the key changes with what is shown, so this is about Redis's
# memory only; the drawn steps (some 70 kB) are kept compressed (about a tenth).
STEPS_KEPT_SECONDS = 60 * 60


@dataclass(frozen=True)
class PhaseSection:
    """One phase of the journey page: the steps still to do, and those done (folded)."""

    phase: str
    label: str
    to_do: list[InstanceItem]
    done: list[InstanceItem]


def _instance(request: HttpRequest) -> ChecklistInstance:
    return journey_of(profile=request.profile)


def _with_municipality_name(request: HttpRequest, values: dict) -> dict:
    """ "Why this step" names the municipality, not its code."""
    code = values.get("municipality")
    if not code:
        return values
    own = request.profile.municipality
    if own and own.code == code:
        name = own.name
    else:  # a shared household's destination
        name = Municipality.objects.filter(code=code).values_list("name", flat=True).first()
    return {**values, "municipality": name or code}


ASSOCIATION_STEP = "join-local-association"


def _with_local_activities(request: HttpRequest, rows: list[InstanceItem]) -> None:
    """The association step shows a few activities in the newcomer's municipality from
    the directory (those in their language first) and links to the rest."""
    municipality = request.profile.municipality
    for row in rows:
        row.local_activities = []
        if row.key == ASSOCIATION_STEP and municipality is not None and not row.is_done:
            row.local_activities = nearby_activities(municipality, get_language())
            row.directory_url = f"{reverse('directory:list')}?municipality={municipality.code}"


def _journey_context(request: HttpRequest, instance: ChecklistInstance | None = None) -> dict:
    instance = instance or _instance(request)
    rows = list(instance_items(instance=instance))
    today = timezone.localdate()
    facts = JOURNEY.facts.from_json(instance.facts)
    values = _with_municipality_name(request, facts.condition_values())
    titles = {row.key: row.item.title for row in rows}
    for row in rows:
        row.why = [
            JOURNEY.facts.explain(name, values)
            for name in row.reasons
            if name not in SUPPLIED_FACTS
        ]
        # An employer's step says whose it is, not the identifiers that brought it.
        supplied = any(name in SUPPLIED_FACTS for name in row.reasons)
        row.added_by = row.item.template.name if supplied else ""
        row.waits_for = [titles[key] for key in row.depends_on if key in titles]
        row.overdue = row.is_overdue(today)
        row.due_soon = row.is_due_soon(today)
    _with_local_activities(request, rows)
    phases = by_phase(rows, kind=JOURNEY, phase_of=lambda row: row.item.phase)
    done = sum(row.is_done for row in rows)
    return {
        "instance": instance,
        "phases": phases,
        "done_count": done,
        "total_count": len(rows),
        "percent": round(100 * done / len(rows)) if rows else 0,
        "today": today,
        "history": instance_history(instance=instance),
    }


@newcomer_required
def journey(request: HttpRequest) -> HttpResponse:
    """The steps are drawn once per state of the journey (``_steps_key``) and kept; a
    request then reads the rows' state in one query instead of drawing every step."""
    instance = _instance(request)
    request.csrf_placeholder = True  # the kept steps have forms (caching.csrf)
    key = _steps_key(instance)
    packed = cache.get(key)
    if packed is not None:
        body = mark_safe(zlib.decompress(packed).decode())  # noqa: S308 (drawn by us, below)
    else:
        context = _journey_context(request, instance)
        context["sections"] = [
            PhaseSection(
                phase=phase,
                label=label,
                to_do=[row for row in rows if not row.is_done],
                done=[row for row in rows if row.is_done],
            )
            for phase, label, rows in context["phases"]
        ]
        body = render_to_string("newcomers/journey_body.html", context, request=request)
        cache.set(key, zlib.compress(body.encode(), 1), STEPS_KEPT_SECONDS)
    return render(request, "newcomers/journey.html", {"body": body})


def _steps_key(instance: ChecklistInstance) -> str:
    """Everything the drawn steps depend on: the rows as they are now, the facts, the
    content, the language and the day (what is overdue or due soon)."""
    rows = InstanceItem.objects.filter(instance=instance).order_by("pk")
    state = list(rows.values_list(*STEP_STATE))
    text = repr((state, instance.facts, instance.assembled_at)).encode()
    digest = hashlib.blake2b(text, digest_size=16).hexdigest()
    return (
        f"journey-steps:{instance.pk}:{digest}:{content_version()}:"
        f"{get_language()}:{timezone.localdate().isoformat()}"
    )


@newcomer_required
def journey_print(request: HttpRequest) -> HttpResponse:
    return render(request, "newcomers/journey_print.html", _journey_context(request))


def _own_row(request: HttpRequest, key: str) -> InstanceItem:
    row = (
        InstanceItem.objects.select_related("instance")
        .filter(instance__newcomer=request.profile, key=key, state=InstanceItem.State.ACTIVE)
        .first()
    )
    if row is None:
        raise Http404
    return row


def _step_url(key: str) -> str:
    return f"{reverse('newcomers:journey')}#step-{key}"


def _back_to(row: InstanceItem) -> HttpResponse:
    return redirect(_step_url(row.key))


@require_POST
@newcomer_required
def step_done(request: HttpRequest, key: str) -> HttpResponse:
    row = _own_row(request, key)
    instance_item_set_done(row=row, done=request.POST.get("done") == "1")
    return _back_to(row)


@require_POST
@newcomer_required
def step_note(request: HttpRequest, key: str) -> HttpResponse:
    row = _own_row(request, key)
    instance_item_note(row=row, note=request.POST.get("note", "")[:4000])
    return _back_to(row)


def _step_event(row: InstanceItem, *, today: date, request: HttpRequest) -> Event:
    overdue = row.is_overdue(today)
    day = today if overdue else row.due_date
    lines = []
    if overdue:
        lines.append(
            _("Overdue: this was due on %(date)s.") % {"date": date_format(row.due_date, "j E Y")}
        )
    if paragraph := first_paragraph(row.item.body):
        lines.append(paragraph)
    if row.item.authority:
        lines.append(_("Where to turn:") + " " + row.item.authority.name)
    event = Event()
    event.add("uid", f"landa-step-{row.pk}@landa")
    event.add("summary", row.item.title)
    event.add("dtstart", day)
    event.add("dtend", day + timedelta(days=1))
    event.add("dtstamp", timezone.now())
    event.add("description", "\n\n".join(lines))
    event.add("url", request.build_absolute_uri(_step_url(row.key)))
    return event


@newcomer_required
def journey_calendar(request: HttpRequest) -> HttpResponse:
    """Due dates of open steps as an iCalendar file for any calendar app.

    One all-day event per open step with a due date, in the page's language: its
    title, the first paragraph of what to do (after a line saying it is overdue, when
    it is) and a link back to the step on the journey page. Done steps, and steps with
    no date yet, are left out. An overdue step goes on today's date rather than in the
    past, where nobody looks: it needs doing now. Its UID holds the row's id,
    so importing the file again updates the events rather than duplicating them.
    Escaping (RFC 5545 TEXT) and folding at 75 octets are the icalendar library's.
    """
    today = timezone.localdate()
    calendar = Calendar()
    calendar.add("prodid", "-//Landa//journey//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", _("My move to Sweden"))
    for row in instance_items(instance=_instance(request)):
        if row.due_date is None or row.is_done:
            continue
        calendar.add_component(_step_event(row, today=today, request=request))
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="landa-journey.ics"'
    return response
