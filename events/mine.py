"""An association's own events (``/<lang>/events/association/<uuid>/``): its
representatives write them, once or as a series, or import the calendar they already
keep. An association may publish events once the municipality has approved one of its
activities (it is known there); until then its page says so and the forms are refused
(403). A representative reaches only their own associations and events (others: 404).
The municipality's editors see these events on their desk and may change or cancel
them."""

from __future__ import annotations

from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from associations.models import Organization, Service
from associations.services import organizations_of
from municipalities.models import Municipality

from .editing import calendar_import_from, event_save
from .forms import EventForm, ImportForm
from .models import CalendarSource, Event

PER_PAGE = 20


def _own(request: HttpRequest, uuid) -> Organization:
    return get_object_or_404(organizations_of(request.user), uuid=uuid)


def may_publish(organization: Organization) -> bool:
    """Known to the municipality: one of its activities is in the public directory."""
    return Service.public().filter(organization=organization).exists()


def _not_yet(request: HttpRequest, organization: Organization) -> HttpResponse:
    context = {"organization": organization, "page": None, "may_publish": False}
    return render(request, "events/mine.html", context, status=403)


def _area(organization: Organization):
    return Municipality.objects.filter(pk=organization.municipality_id)


@login_required
def association_events(request: HttpRequest, uuid) -> HttpResponse:
    organization = _own(request, uuid)
    since = timezone.now() - timedelta(days=30)
    events = organization.events.filter(ends_at__gte=since).select_related("series")
    context = {
        "organization": organization,
        "page": Paginator(events.order_by("starts_at"), PER_PAGE).get_page(request.GET.get("page")),
        "may_publish": may_publish(organization),
        "sources": CalendarSource.objects.filter(organization=organization),
    }
    return render(request, "events/mine.html", context)


def _edit(request: HttpRequest, organization: Organization, event: Event | None):
    """A new event or a change to one: only while the association may publish."""
    if not may_publish(organization):
        return _not_yet(request, organization)
    form = EventForm(request.POST or None, instance=event, area=_area(organization))
    form.fields["municipality"].empty_label = None  # the association's own, chosen
    if request.method == "POST" and form.is_valid():
        saved = event_save(form, organization=organization)
        messages.success(request, _("The event is saved."))
        return redirect("events:mine_edit", uuid=saved.uuid)
    context = {"form": form, "event": event, "organization": organization}
    status = 400 if form.errors else 200
    return render(request, "events/mine_form.html", context, status=status)


@login_required
def association_event_new(request: HttpRequest, uuid) -> HttpResponse:
    return _edit(request, _own(request, uuid), None)


@login_required
def association_event_edit(request: HttpRequest, uuid) -> HttpResponse:
    event = Event.objects.filter(uuid=uuid, organization__representatives=request.user).first()
    if event is None:
        raise Http404
    return _edit(request, event.organization, event)


@login_required
def association_import(request: HttpRequest, uuid) -> HttpResponse:
    organization = _own(request, uuid)
    if not may_publish(organization):
        return _not_yet(request, organization)
    posted = request.method == "POST"
    form = ImportForm(
        request.POST if posted else None,
        request.FILES if posted else None,
        area=_area(organization),
    )
    del form.fields["municipality"]  # the association's own
    if posted and form.is_valid():
        imported = calendar_import_from(
            request, form, municipality=organization.municipality, organization=organization
        )
        if imported:
            return redirect("events:mine", uuid=organization.uuid)
    context = {"form": form, "organization": organization}
    status = 400 if form.errors else 200
    return render(request, "events/mine_import.html", context, status=status)
