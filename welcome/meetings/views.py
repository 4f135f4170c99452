"""Meetings: officers publish times on the desk; a newcomer who agreed to be contacted
books one under their own pages, cancels it, and downloads it for their calendar."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from events.calendar import Appointment, calendar_response
from municipalities.access import officer_required
from municipalities.collation import swedish
from newcomers.access import newcomer_required
from outbox.rendering import site_address

from ..models import MeetingSlot
from .services import (
    bookings_of,
    free_slots,
    may_book,
    slot_book,
    slot_cancel,
    slots_for_officer,
    slots_listed,
)

LOCAL = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class SlotForm(forms.ModelForm):
    starts_at = forms.DateTimeField(label=gettext_lazy("Starts"), widget=LOCAL)
    ends_at = forms.DateTimeField(label=gettext_lazy("Ends"), widget=LOCAL)

    class Meta:
        model = MeetingSlot
        fields = ["municipality", "starts_at", "ends_at", "place", "online_url"]

    def __init__(self, *args, area, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["municipality"].queryset = area.order_by(swedish("name"))

    def clean(self) -> dict:
        data = super().clean()
        starts, ends = data.get("starts_at"), data.get("ends_at")
        if starts and starts <= timezone.now():
            self.add_error("starts_at", _("Choose a time in the future."))
        if starts and ends and ends <= starts:
            self.add_error("ends_at", _("It must end after it starts."))
        if not data.get("place") and not data.get("online_url"):
            self.add_error("place", _("Give a place or an online link."))
        return data


@officer_required
def officer_meetings(request: HttpRequest) -> HttpResponse:
    officer = request.officer
    form = SlotForm(request.POST or None, area=officer.municipalities())
    if request.method == "POST" and form.is_valid():
        slot = form.save(commit=False)
        slot.officer = officer
        slot.save()
        messages.success(request, _("The time is published for newcomers to book."))
        return redirect("welcome:meetings")
    slots = list(slots_for_officer(officer)[:100])
    slots_listed(officer=officer, slots=slots)
    context = {"form": form, "slots": slots}
    return render(
        request, "welcome/meetings/officer.html", context, status=400 if form.errors else 200
    )


@newcomer_required
def my_meetings(request: HttpRequest) -> HttpResponse:
    profile = request.profile
    allowed = may_book(profile)
    context = {
        "allowed": allowed,
        "bookings": list(bookings_of(profile)),
        "free": list(free_slots(profile)[:50]) if allowed else [],
    }
    return render(request, "welcome/meetings/mine.html", context)


def _slot(uuid) -> MeetingSlot:
    slot = MeetingSlot.objects.filter(uuid=uuid).select_related("officer__user").first()
    if slot is None:
        raise Http404
    return slot


@require_POST
@newcomer_required
def meeting_book(request: HttpRequest, uuid) -> HttpResponse:
    profile = request.profile
    slot = _slot(uuid)
    if not may_book(profile) or slot.municipality_id != profile.municipality_id:
        raise Http404
    if slot_book(slot=slot, profile=profile):
        messages.success(
            request, _("The meeting is booked. A confirmation is on its way by email.")
        )
    else:
        messages.error(request, _("Someone else has just booked that time. Please choose another."))
    return redirect("my_meetings:list")


@require_POST
@newcomer_required
def meeting_cancel(request: HttpRequest, uuid) -> HttpResponse:
    if slot_cancel(slot=_slot(uuid), profile=request.profile):
        messages.success(request, _("The meeting is cancelled and the time is free again."))
    return redirect("my_meetings:list")


@newcomer_required
def meeting_ics(request: HttpRequest, uuid) -> HttpResponse:
    slot = _slot(uuid)
    if slot.booked_by_id != request.profile.pk:
        raise Http404
    name = _("Meeting with %(name)s") % {"name": slot.officer.user.get_full_name()}
    appointment = Appointment(
        uid=f"meeting-{slot.uuid}@landa",
        summary=name,
        starts_at=slot.starts_at,
        ends_at=slot.ends_at,
        stamp=slot.booked_at or timezone.now(),
        url=f"{site_address(request)}{request.path}",
        location=slot.place or slot.online_url,
    )
    return calendar_response([appointment], name=name, file_name="landa-meeting.ics")
