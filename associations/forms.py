from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from municipalities.collation import swedish
from municipalities.models import Municipality

from .choices import Audience, Category, Weekday, spoken_language_choices
from .selectors import DirectoryFilters


def _any(choices, label) -> list[tuple[str, str]]:
    return [("", label), *choices]


class DirectoryFilterForm(forms.Form):
    """The directory's filters, read from the address (GET): a bad value is shown with
    its error and left out; the others still apply."""

    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    municipality = forms.ModelChoiceField(
        label=_("Municipality"),
        queryset=Municipality.objects.none(),
        to_field_name="code",
        required=False,
        empty_label=_("All municipalities"),
    )
    category = forms.ChoiceField(label=_("Category"), required=False)
    language = forms.ChoiceField(label=_("Language spoken"), required=False)
    audience = forms.ChoiceField(label=_("For whom"), required=False)
    weekday = forms.ChoiceField(label=_("Day"), required=False)
    free = forms.BooleanField(label=_("Free only"), required=False)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["municipality"].queryset = Municipality.objects.order_by(swedish("name"))
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
