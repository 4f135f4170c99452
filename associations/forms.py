from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from municipalities.collation import swedish
from municipalities.fields import MunicipalityChoiceField
from municipalities.models import Municipality

from .choices import Audience, Category, Weekday, spoken_language_choices
from .models import Organization, Service
from .selectors import DirectoryFilters


def _any(choices, label) -> list[tuple[str, str]]:
    return [("", label), *choices]


class DirectoryFilterForm(forms.Form):
    """The directory's filters, read from the address (GET): a bad value is shown with
    its error and left out; the others still apply."""

    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    municipality = MunicipalityChoiceField(
        label=_("Municipality"), required=False, empty_label=_("All municipalities")
    )
    category = forms.ChoiceField(label=_("Category"), required=False)
    language = forms.ChoiceField(label=_("Language spoken"), required=False)
    audience = forms.ChoiceField(label=_("For whom"), required=False)
    weekday = forms.ChoiceField(label=_("Day"), required=False)
    free = forms.BooleanField(label=_("Free only"), required=False)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["category"].choices = _any(Category.choices, _("All categories"))
        self.fields["language"].choices = _any(spoken_language_choices(), _("Any language"))
        self.fields["audience"].choices = _any(Audience.choices, _("Anyone"))
        self.fields["weekday"].choices = _any(Weekday.choices, _("Any day"))

    def filters(self) -> DirectoryFilters:
        self.is_valid()
        data = self.cleaned_data
        return DirectoryFilters(
            query=data.get("q", "").strip(),
            municipality=data.get("municipality"),
            category=data.get("category", ""),
            language=data.get("language", ""),
            audience=data.get("audience", ""),
            weekday=data.get("weekday", ""),
            free_only=bool(data.get("free")),
        )


TIME_ROWS = 3  # weekly times on the form; more can be added after saving


class OrganizationForm(forms.ModelForm):
    class Meta:
        model = Organization
        fields = ["name", "description", "municipality", "email", "website"]
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["municipality"].queryset = Municipality.objects.order_by(swedish("name"))
        self.fields["municipality"].help_text = _("Where the association is based.")


class ServiceForm(forms.ModelForm):
    """An activity with its place (or online link), weekly times and languages, in one
    form that works without JavaScript; every error is named and nothing typed is lost."""

    languages = forms.MultipleChoiceField(
        label=_("Languages spoken"),
        help_text=_("Choose one or more (hold Ctrl or Cmd to choose several)."),
        error_messages={"required": _("Choose at least one language.")},
    )
    place_name = forms.CharField(label=_("Name of the place"), max_length=200, required=False)
    address = forms.CharField(label=_("Street address"), max_length=200, required=False)
    postal_code = forms.RegexField(
        label=_("Postal code"),
        regex=r"^\d{3} ?\d{2}$",
        required=False,
        error_messages={"invalid": _("Write a Swedish postal code, such as 831 30.")},
    )
    city = forms.CharField(label=_("City"), max_length=100, required=False)
    place_municipality = forms.ModelChoiceField(
        label=_("Municipality of the place"),
        queryset=Municipality.objects.none(),
        required=False,
    )

    class Meta:
        model = Service
        fields = [
            "name",
            "description",
            "category",
            "audience",
            "is_free",
            "fees_description",
            "online_url",
            "email",
            "phone",
        ]
        widgets = {"description": forms.Textarea(attrs={"rows": 5})}

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["languages"].choices = spoken_language_choices()
        self.fields["place_municipality"].queryset = Municipality.objects.order_by(swedish("name"))
        for row in range(1, TIME_ROWS + 1):
            self.fields[f"day_{row}"] = forms.ChoiceField(
                label=_("Day"), choices=_any(Weekday.choices, _("No day")), required=False
            )
            self.fields[f"opens_{row}"] = forms.TimeField(
                label=_("Starts at"),
                required=False,
                widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            )
            self.fields[f"closes_{row}"] = forms.TimeField(
                label=_("Ends at"),
                required=False,
                widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            )
        service = self.instance
        if service.pk and not self.is_bound:
            self.initial["languages"] = [language.code for language in service.languages.all()]
            if service.location:
                location = service.location
                self.initial.update(
                    place_name=location.name,
                    address=location.address,
                    postal_code=location.postal_code,
                    city=location.city,
                    place_municipality=location.municipality,
                )
            for row, schedule in enumerate(service.schedules.all()[:TIME_ROWS], start=1):
                self.initial.update(
                    {
                        f"day_{row}": schedule.byday,
                        f"opens_{row}": schedule.opens_at,
                        f"closes_{row}": schedule.closes_at,
                    }
                )

    def time_rows(self) -> list[tuple[forms.BoundField, ...]]:
        return [
            (self[f"day_{row}"], self[f"opens_{row}"], self[f"closes_{row}"])
            for row in range(1, TIME_ROWS + 1)
        ]

    def clean(self) -> dict:
        data = super().clean()
        place = [data.get(name) for name in ("address", "postal_code", "city")]
        if any(place) or data.get("place_municipality"):
            for name in ("address", "postal_code", "city", "place_municipality"):
                if not data.get(name) and name not in self.errors:
                    self.add_error(name, _("Give the whole address, or none for online."))
        elif not data.get("online_url"):
            self.add_error("address", _("Give a place or an online link."))
        if data.get("is_free") is False and not (data.get("fees_description") or "").strip():
            self.add_error("fees_description", _("Say what it costs, or mark it as free."))
        for row in range(1, TIME_ROWS + 1):
            day, opens, closes = (data.get(f"{part}_{row}") for part in ("day", "opens", "closes"))
            if not any((day, opens, closes)):
                continue
            if not (day and opens and closes):
                self.add_error(f"day_{row}", _("Give the day, the start and the end."))
            elif closes <= opens:
                self.add_error(f"closes_{row}", _("It must end after it starts."))
        return data

    def place(self) -> dict | None:
        data = self.cleaned_data
        if not data.get("address"):
            return None
        return {
            "name": data["place_name"],
            "address": data["address"],
            "postal_code": data["postal_code"],
            "city": data["city"],
            "municipality": data["place_municipality"],
        }

    def times(self) -> list[tuple]:
        data = self.cleaned_data
        rows = [
            (data.get(f"day_{row}"), data.get(f"opens_{row}"), data.get(f"closes_{row}"))
            for row in range(1, TIME_ROWS + 1)
        ]
        return [row for row in rows if all(row)]

    def service_data(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}
