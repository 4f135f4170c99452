"""The forms an event is written and imported with, by a municipality's editors and by
an association's representatives alike (the place it may be in is their ``area``)."""

from __future__ import annotations

from datetime import timedelta

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import get_language_info, gettext_lazy
from django.utils.translation import gettext as _

from municipalities.collation import swedish
from municipalities.models import Municipality

from .models import Event, EventSeries

LANGUAGES = [code for code, _name in settings.LANGUAGES]
LOCAL = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
DAY = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class EventForm(forms.ModelForm):
    """An event in every language (Swedish required; the others fall back to English,
    then Swedish). A new event may repeat; an event of a series is changed alone or
    with the later ones."""

    starts_at = forms.DateTimeField(label=gettext_lazy("Starts"), widget=LOCAL)
    ends_at = forms.DateTimeField(label=gettext_lazy("Ends"), widget=LOCAL)
    capacity = forms.IntegerField(
        label=gettext_lazy("Places"),
        required=False,
        min_value=1,
        help_text=gettext_lazy("Empty: no limit."),
    )
    repeat = forms.ChoiceField(
        label=gettext_lazy("Repeats"),
        required=False,
        choices=[
            ("", gettext_lazy("Does not repeat")),
            (EventSeries.Frequency.WEEKLY, gettext_lazy("Every week")),
            (EventSeries.Frequency.FORTNIGHTLY, gettext_lazy("Every other week")),
            (
                EventSeries.Frequency.MONTHLY,
                gettext_lazy("Every month, on the same weekday (for example the second Tuesday)"),
            ),
        ],
    )
    repeat_until = forms.DateField(
        label=gettext_lazy("Repeats until"),
        required=False,
        widget=DAY,
        help_text=gettext_lazy("At most a year after the first event."),
    )
    scope = forms.ChoiceField(
        label=gettext_lazy("Change"),
        choices=[
            ("this", gettext_lazy("Only this event")),
            ("later", gettext_lazy("This event and the later ones in the series")),
        ],
        initial="this",
        widget=forms.RadioSelect,
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
            info = get_language_info(code)
            own = info["name_local"]  # as its readers call it
            self.fields[f"description_{code}"].widget = forms.Textarea(attrs={"rows": 3})
            for field in ("title", "description"):
                self.fields[f"{field}_{code}"].label = (
                    _("Title (%(language)s)") if field == "title" else _("Text (%(language)s)")
                ) % {"language": own}
                self.fields[f"{field}_{code}"].required = code == "sv"
                # Written in that language, whatever the page's: its direction too.
                self.fields[f"{field}_{code}"].widget.attrs.update(
                    {"lang": code, "dir": "rtl" if info["bidi"] else "ltr"}
                )
        if self.instance.pk is not None:  # a new event may repeat; a saved one keeps its way
            del self.fields["repeat"], self.fields["repeat_until"]
        if self.instance.series_id is None:
            del self.fields["scope"]

    def clean_starts_at(self):
        starts = self.cleaned_data["starts_at"]
        changed = self.instance.pk is None or "starts_at" in self.changed_data
        if changed and starts <= timezone.now():
            raise forms.ValidationError(_("Choose a time in the future."))
        return starts

    def clean(self) -> dict:
        data = super().clean()
        if not data.get("repeat") or data.get("starts_at") is None:
            return data
        until, starts = data.get("repeat_until"), data["starts_at"]
        first_day = timezone.localtime(starts).date()
        if until is None:
            self.add_error("repeat_until", _("Give the day the series ends."))
        elif until <= first_day:
            self.add_error("repeat_until", _("The series must end after the first event."))
        elif until > first_day + timedelta(days=366):
            self.add_error("repeat_until", _("A series can last at most a year."))
        return data

    @property
    def changes_later(self) -> bool:
        return self.cleaned_data.get("scope") == "later"


class ImportForm(forms.Form):
    """A calendar to import, from its address (kept in step) or once from a file."""

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
