"""Saving an event from its form, the one way for editors and associations alike: a new
event may start a series; a change may reach the later events of its series; and the
people registered hear of what concerns them, once each, through the outbox: a
cancellation, or a new time or place. More places let the waiting list move up. And
importing a calendar from its form, for both, with the result or the reason told."""

from __future__ import annotations

from django.contrib import messages
from django.db import transaction
from django.http import HttpRequest
from django.utils.translation import gettext as _

from associations.models import Organization
from municipalities.models import Municipality

from .forms import EventForm, ImportForm
from .importing import CalendarRefused, import_requested
from .models import Event
from .series import series_create, series_follow, wall_clock_shift
from .services import Before, changes_tell


@transaction.atomic
def event_save(form: EventForm, *, organization: Organization | None = None) -> Event:
    """Save a valid form; ``organization`` is the association a new event is theirs."""
    new = form.instance.pk is None
    before = None if new else Before.of(Event.objects.get(pk=form.instance.pk))
    event = form.save(commit=False)
    if new:
        event.organization = organization
    event.save()
    if new:
        if form.cleaned_data.get("repeat"):
            series_create(
                event,
                frequency=form.cleaned_data["repeat"],
                until=form.cleaned_data["repeat_until"],
            )
        return event
    changed = [(event, before)]
    if form.changes_later:
        moved_by = wall_clock_shift(before.starts_at, event.starts_at)
        befores = {other.pk: Before.of(other) for other in _later(event)}
        changed += [(other, befores[other.pk]) for other in series_follow(event, moved_by=moved_by)]
    for other, was in changed:
        changes_tell(other, was)
    return event


def _later(event: Event):
    return Event.objects.filter(series_id=event.series_id, recurrence_id__gt=event.recurrence_id)


def calendar_import_from(
    request: HttpRequest,
    form: ImportForm,
    *,
    municipality: Municipality,
    organization: Organization | None,
) -> bool:
    """Import what a valid form asks for; the result is a message, a refusal an error
    on the form (nothing saved). True when imported."""
    try:
        result = import_requested(
            municipality=municipality,
            organization=organization,
            file=form.cleaned_data["file"],
            url=form.cleaned_data["url"],
        )
    except CalendarRefused as error:
        form.add_error(None, _("The calendar was not imported: %(reason)s") % {"reason": error})
        return False
    messages.success(request, result.summary())
    return True
