"""A newcomer's own journey: steps by phase, progress, notes, print and calendar."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.contrib.contenttypes.models import ContentType
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from icalendar import Calendar, Event

from associations.selectors import nearby_activities
from caching.personal import kept_for_person
from checklists.models import ChecklistInstance, InstanceItem
from checklists.selectors import by_phase, instance_history, instance_items
from checklists.services import instance_item_note, instance_item_set_done
from municipalities.models import Municipality

from ..access import newcomer_required
from ..journey import JOURNEY, SUPPLIED_FACTS
from ..models import NewcomerProfile
from ..services import journey_of
from ..text import first_paragraph


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


def journey_state() -> str:
    """What the journey page shows of the person ``u`` (``caching.personal``): their
    profile, and their journey with every row of it, whole."""
    profiles, journeys = NewcomerProfile._meta.db_table, ChecklistInstance._meta.db_table
    rows, types = InstanceItem._meta.db_table, ContentType._meta.db_table
    return (
        f"SELECT ROW(p, i, (SELECT string_agg(r::text, ',' ORDER BY r.id) FROM {rows} r "  # noqa: S608
        f"WHERE r.instance_id = i.id)) FROM {profiles} p LEFT JOIN {journeys} i "
        f"ON i.subject_id = p.id AND i.kind = '{JOURNEY.key}' AND i.subject_type_id = "
        f"(SELECT t.id FROM {types} t WHERE t.app_label = 'newcomers' "
        "AND t.model = 'newcomerprofile') WHERE p.user_id = u.id"
    )


@kept_for_person(journey_state())
@newcomer_required
def journey(request: HttpRequest) -> HttpResponse:
    """Kept whole for the person until something it shows changes (``caching.personal``)."""
    context = _journey_context(request)
    context["sections"] = [
        PhaseSection(
            phase=phase,
            label=label,
            to_do=[row for row in rows if not row.is_done],
            done=[row for row in rows if row.is_done],
        )
        for phase, label, rows in context["phases"]
    ]
    request.csrf_placeholder = True  # the page is kept (caching.csrf)
    return render(request, "newcomers/journey.html", context)


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
