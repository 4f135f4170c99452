"""Public event pages: the upcoming events (by municipality; a series by its next date),
an event with registration (signed in) and cancellation, its ``.ics``, a series'
``.ics``, and a municipality's calendar feed."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from municipalities.feedback import FeedbackTarget, feedback_receive
from municipalities.models import Municipality
from outbox.rendering import site_address

from .calendar import calendar_response, event_appointment, series_appointments
from .models import Event, EventSeries, Registration
from .series import later_dates
from .services import (
    RegistrationClosed,
    cancel,
    next_of_each_series,
    register,
    registration_of,
    upcoming,
)

PER_PAGE = 20


def _with_organizer(events):
    return events.select_related("municipality", "organization", "series")


def event_list(request: HttpRequest) -> HttpResponse:
    events = next_of_each_series(_with_organizer(upcoming()))
    municipality = None
    code = request.GET.get("municipality", "")
    if code:
        municipality = Municipality.objects.filter(code=code).first()
        if municipality is not None:
            events = events.filter(municipality=municipality)
    page = Paginator(events, PER_PAGE).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "municipality": municipality,
        "municipalities": Municipality.objects.filter(events__in=upcoming()).distinct(),
        "query": f"municipality={municipality.code}" if municipality else "",
    }
    return render(request, "events/list.html", context)


def event_detail(request: HttpRequest, uuid) -> HttpResponse:
    event = get_object_or_404(_with_organizer(Event.objects), uuid=uuid)
    confirmed = event.registrations.filter(status=Registration.Status.CONFIRMED).count()
    target = FeedbackTarget(
        municipality=event.municipality, about_title=event.title, about_url=request.path
    )
    form, done = feedback_receive(request, target)
    if done is not None:
        return done
    context = {
        "event": event,
        "registration": registration_of(event, request.user),
        "places_left": None if event.capacity is None else max(event.capacity - confirmed, 0),
        "feedback_form": form,
        "later": later_dates(event),
    }
    return render(request, "events/detail.html", context, status=400 if form.errors else 200)


@require_POST
@login_required
def event_register(request: HttpRequest, uuid) -> HttpResponse:
    event = get_object_or_404(Event, uuid=uuid)
    try:
        registration = register(event=event, user=request.user)
    except RegistrationClosed:
        messages.error(request, _("Registration for this event is closed."))
    else:
        if registration.status == Registration.Status.CONFIRMED:
            messages.success(request, _("You have a place. Welcome!"))
        else:
            messages.info(
                request,
                _("The event is full. You are on the waiting list; a mail tells you of a place."),
            )
    return redirect(event.get_absolute_url())


@require_POST
@login_required
def event_cancel(request: HttpRequest, uuid) -> HttpResponse:
    event = get_object_or_404(Event, uuid=uuid)
    if cancel(event=event, user=request.user) is not None:
        messages.success(request, _("Your registration is cancelled."))
    return redirect(event.get_absolute_url())


def event_ics(request: HttpRequest, uuid) -> HttpResponse:
    event = get_object_or_404(_with_organizer(Event.objects), uuid=uuid)
    appointment = event_appointment(event, site_address(request))
    return calendar_response([appointment], name=event.title, file_name="landa-event.ics")


def series_ics(request: HttpRequest, uuid) -> HttpResponse:
    series = get_object_or_404(EventSeries, uuid=uuid)
    appointments = series_appointments(series, site_address(request))
    if not appointments:
        raise Http404
    return calendar_response(
        appointments, name=appointments[0].summary, file_name="landa-series.ics"
    )


def municipality_feed(request: HttpRequest, code: str) -> HttpResponse:
    municipality = get_object_or_404(Municipality, code=code)
    events = _with_organizer(Event.objects.filter(municipality=municipality)).order_by("starts_at")
    site_url = site_address(request)
    return calendar_response(
        (event_appointment(event, site_url) for event in events[:500]),
        name=_("Events in %(name)s (Landa)") % {"name": municipality.name},
        file_name=f"landa-events-{code}.ics",
    )
