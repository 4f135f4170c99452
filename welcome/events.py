"""Editors publish their municipality's events: title and text in every language (the
Swedish required, the others fall back to English then Swedish), time in
Europe/Stockholm, place or online link, number of places, once or as a series. They may
also change or cancel an association's event in their area (the association is the
one to write it). Counts of registrations only: who registered stays with the person."""

from __future__ import annotations

from datetime import timedelta

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from events.editing import calendar_import_from, event_save
from events.forms import EventForm, ImportForm
from events.models import CalendarSource, Event
from municipalities.access import editor_required

PER_PAGE = 30


def _area_events(officer):
    return Event.objects.filter(municipality__in=officer.municipalities())


@editor_required
def event_list(request: HttpRequest) -> HttpResponse:
    since = timezone.now() - timedelta(days=30)
    events = (
        _area_events(request.officer)
        .filter(ends_at__gte=since)
        .select_related("municipality", "organization", "series")
        .annotate(
            confirmed=Count("registrations", filter=Q(registrations__status="confirmed")),
            waiting=Count("registrations", filter=Q(registrations__status="waiting")),
        )
        .order_by("starts_at", "pk")
    )
    page = Paginator(events, PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "welcome/events.html", {"page": page})


def _edit(request: HttpRequest, event: Event | None) -> HttpResponse:
    area = request.officer.municipalities()
    form = EventForm(request.POST or None, instance=event, area=area)
    if request.method == "POST" and form.is_valid():
        saved = event_save(form)
        messages.success(request, _("The event is saved."))
        return redirect("welcome:event_edit", uuid=saved.uuid)
    context = {"form": form, "event": event}
    return render(request, "welcome/event_form.html", context, status=400 if form.errors else 200)


@editor_required
def event_new(request: HttpRequest) -> HttpResponse:
    return _edit(request, None)


@editor_required
def event_edit(request: HttpRequest, uuid) -> HttpResponse:
    event = _area_events(request.officer).filter(uuid=uuid).first()
    if event is None:
        raise Http404
    return _edit(request, event)


@editor_required
def event_import(request: HttpRequest) -> HttpResponse:
    area = request.officer.municipalities()
    form = ImportForm(request.POST or None, request.FILES or None, area=area)
    if request.method == "POST" and form.is_valid():
        imported = calendar_import_from(
            request, form, municipality=form.cleaned_data["municipality"], organization=None
        )
        if imported:
            return redirect("welcome:events")
    sources = CalendarSource.objects.filter(municipality__in=area, organization=None)
    context = {"form": form, "sources": sources.select_related("municipality")}
    return render(request, "welcome/event_import.html", context, status=400 if form.errors else 200)
