"""Editors publish their municipality's events: title and text in every language (the
Swedish required, the others fall back to English then Swedish), time in
Europe/Stockholm, place or online link, number of places. Counts of registrations only:
who registered stays with the person."""

from __future__ import annotations

from datetime import timedelta

from django import forms
from django.conf import settings
from django.contrib import messages
from django.db.models import Count, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import get_language_info, gettext_lazy
from django.utils.translation import gettext as _

from events.importing import CalendarRefused, calendar_import, source_sync
from events.models import CalendarSource, Event
from municipalities.access import editor_required
from municipalities.collation import swedish
from municipalities.models import Municipality

LANGUAGES = [code for code, _name in settings.LANGUAGES]
LOCAL = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class EventForm(forms.ModelForm):
    starts_at = forms.DateTimeField(label=gettext_lazy("Starts"), widget=LOCAL)
    ends_at = forms.DateTimeField(label=gettext_lazy("Ends"), widget=LOCAL)
    capacity = forms.IntegerField(
        label=gettext_lazy("Places"),
        required=False,
        min_value=1,
        help_text=gettext_lazy("Empty: no limit."),
    )

    class Meta:
        model = Event
        fields = [
            *(f"title_{code}" for code in LANGUAGES),
            *(f"description_{code}" for code in LANGUAGES),
            "municipality",
            "starts_at",
            "ends_at",
            "place",
            "online_url",
            "capacity",
            "is_cancelled",
        ]

    def __init__(self, *args, area, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["municipality"].queryset = area.order_by(swedish("name"))
        for code in LANGUAGES:
            own = get_language_info(code)["name_local"]  # as its readers call it
            for field in ("title", "description"):
                self.fields[f"{field}_{code}"].label = (
                    _("Title (%(language)s)") if field == "title" else _("Text (%(language)s)")
                ) % {"language": own}
                self.fields[f"{field}_{code}"].required = code == "sv"
            self.fields[f"description_{code}"].widget = forms.Textarea(attrs={"rows": 3})

    def clean_starts_at(self):
        starts = self.cleaned_data["starts_at"]
        changed = self.instance.pk is None or "starts_at" in self.changed_data
        if changed and starts <= timezone.now():
            raise forms.ValidationError(_("Choose a time in the future."))
        return starts


def _area_events(officer):
    return Event.objects.filter(municipality__in=officer.municipalities())


@editor_required
def event_list(request: HttpRequest) -> HttpResponse:
    since = timezone.now() - timedelta(days=30)
    events = (
        _area_events(request.officer)
        .filter(ends_at__gte=since)
        .select_related("municipality", "organization")
        .annotate(
            confirmed=Count("registrations", filter=Q(registrations__status="confirmed")),
            waiting=Count("registrations", filter=Q(registrations__status="waiting")),
        )
        .order_by("starts_at")[:100]
    )
    return render(request, "welcome/events.html", {"events": events})


def _edit(request: HttpRequest, event: Event | None) -> HttpResponse:
    area = request.officer.municipalities()
    form = EventForm(request.POST or None, instance=event, area=area)
    if request.method == "POST" and form.is_valid():
        saved = form.save()
        messages.success(request, _("The event is saved."))
        return redirect("welcome:event_edit", uuid=saved.uuid)
    context = {"form": form, "event": event}
    return render(request, "welcome/event_form.html", context, status=400 if form.errors else 200)


@editor_required
def event_new(request: HttpRequest) -> HttpResponse:
    return _edit(request, None)


@editor_required
def event_edit(request: HttpRequest, uuid) -> HttpResponse:
    event = _area_events(request.officer).filter(uuid=uuid, organization__isnull=True).first()
    if event is None:
        raise Http404
    return _edit(request, event)


class ImportForm(forms.Form):
    municipality = forms.ModelChoiceField(
        label=gettext_lazy("Municipality"), queryset=Municipality.objects.none()
    )
    url = forms.URLField(
        label=gettext_lazy("Calendar address (iCalendar)"),
        required=False,
        assume_scheme="https",
        help_text=gettext_lazy("Landa reads it every hour and keeps the events in step."),
    )
    file = forms.FileField(label=gettext_lazy("Or a calendar file (.ics)"), required=False)

    def __init__(self, *args, area, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["municipality"].queryset = area.order_by(swedish("name"))

    def clean_url(self) -> str:
        url = self.cleaned_data["url"]
        if url and not url.startswith(("https://", "http://")):
            raise forms.ValidationError(_("Give an address that starts with https://."))
        return url

    def clean(self) -> dict:
        data = super().clean()
        if not data.get("url") and not data.get("file"):
            raise forms.ValidationError(_("Give a calendar address or a file."))
        return data


@editor_required
def event_import(request: HttpRequest) -> HttpResponse:
    area = request.officer.municipalities()
    form = ImportForm(request.POST or None, request.FILES or None, area=area)
    if request.method == "POST" and form.is_valid():
        municipality = form.cleaned_data["municipality"]
        try:
            if form.cleaned_data["file"]:
                result = calendar_import(
                    data=form.cleaned_data["file"].read(), municipality=municipality
                )
            else:
                source, _created = CalendarSource.objects.get_or_create(
                    municipality=municipality, url=form.cleaned_data["url"]
                )
                result = source_sync(source)
                if result is None:
                    raise CalendarRefused(source.last_error)
        except CalendarRefused as error:
            form.add_error(None, _("The calendar was not imported: %(reason)s") % {"reason": error})
        else:
            messages.success(
                request,
                _("Imported: %(created)s new, %(updated)s updated, %(cancelled)s cancelled.")
                % {
                    "created": result.created,
                    "updated": result.updated,
                    "cancelled": result.cancelled,
                },
            )
            return redirect("welcome:events")
    sources = CalendarSource.objects.filter(municipality__in=area)
    context = {"form": form, "sources": sources.select_related("municipality")}
    return render(request, "welcome/event_import.html", context, status=400 if form.errors else 200)
