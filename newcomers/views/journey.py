"""A newcomer's own journey: steps by phase, progress, notes, print and calendar."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from icalendar import Calendar, Event

from checklists.models import ChecklistInstance, InstanceItem
from checklists.selectors import by_phase, instance_history, instance_items
from checklists.services import instance_item_note, instance_item_set_done
from municipalities.models import Municipality

from ..access import newcomer_required
from ..journey import JOURNEY
from ..services import journey_of


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


def _journey_context(request: HttpRequest) -> dict:
    instance = _instance(request)
    rows = list(instance_items(instance=instance))
    today = timezone.localdate()
    facts = JOURNEY.facts.from_json(instance.facts)
    values = _with_municipality_name(request, facts.condition_values())
    titles = {row.key: row.item.title for row in rows}
    for row in rows:
        row.why = [JOURNEY.facts.explain(name, values) for name in row.reasons]
        row.waits_for = [titles[key] for key in row.depends_on if key in titles]
        row.overdue = row.is_overdue(today)
        row.due_soon = row.is_due_soon(today)
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
    return render(request, "newcomers/journey.html", _journey_context(request))


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


def _back_to(row: InstanceItem) -> HttpResponse:
    return redirect(f"{reverse('newcomers:journey')}#step-{row.key}")


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


@newcomer_required
def journey_calendar(request: HttpRequest) -> HttpResponse:
    """Due dates of open steps as an iCalendar file for any calendar app."""
    calendar = Calendar()
    calendar.add("prodid", "-//Landa//journey//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", _("My move to Sweden"))
    for row in instance_items(instance=_instance(request)):
        if row.due_date is None or row.is_done:
            continue
        event = Event()
        event.add("uid", f"landa-step-{row.pk}@landa")
        event.add("summary", row.item.title)
        event.add("dtstart", row.due_date)
        event.add("dtstamp", timezone.now())
        if row.item.authority:
            event.add("description", row.item.authority.name)
        calendar.add_component(event)
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="landa-journey.ics"'
    return response
