"""The form an editor keeps a place page with: every language's text in one form, a
fieldset per language, and the day the editor checked the page."""

from __future__ import annotations

from dataclasses import dataclass

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _

from ..models import PlaceFeedback, PlacePage

LANGUAGES = [code for code, _name in settings.LANGUAGES]
TRANSLATED = (*PlacePage.SECTIONS, "contact_name", "opening_hours", "source_title")
CONTACT = ("contact_address", "contact_phone", "contact_email", "contact_url")
SOURCE = ("website", "source_url")


@dataclass(frozen=True)
class FieldGroup:
    legend: str
    fields: list[forms.BoundField]
    language: str = ""  # the language the fields are written in, if one

    @property
    def direction(self) -> str:
        return "rtl" if self.language and get_language_info(self.language)["bidi"] else "ltr"


def _language_name(code: str) -> str:
    return capfirst(get_language_info(code)["name_translated"])


class PlacePageForm(forms.ModelForm):
    checked_on = forms.DateField(
        label=_("Date checked"),
        help_text=_("The day you checked the whole page against its sources."),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )

    class Meta:
        model = PlacePage
        fields = [
            *(f"{name}_{code}" for code in LANGUAGES for name in TRANSLATED),
            *CONTACT,
            *SOURCE,
            "checked_on",
        ]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for code in LANGUAGES:
            direction = "rtl" if get_language_info(code)["bidi"] else "ltr"
            for name in TRANSLATED:
                field = self.fields[f"{name}_{code}"]
                field.label = capfirst(PlacePage._meta.get_field(name).verbose_name)
                field.help_text = PlacePage._meta.get_field(name).help_text
                field.widget.attrs.update({"lang": code, "dir": direction})
                if isinstance(field.widget, forms.Textarea):
                    field.widget.attrs["rows"] = 6 if name in PlacePage.SECTIONS else 4
        for field in self.fields.values():
            # The browser would cut a long text silently; the server says so instead
            # and gives everything back to shorten.
            field.widget.attrs.pop("maxlength", None)
        for name in ("contact_email", "contact_url", "contact_phone", "website", "source_url"):
            self.fields[name].widget.attrs["dir"] = "ltr"

    def clean_checked_on(self):
        checked_on = self.cleaned_data["checked_on"]
        if checked_on > timezone.localdate():
            raise forms.ValidationError(_("The date checked cannot be in the future."))
        return checked_on

    def groups(self) -> list[FieldGroup]:
        """The fieldsets of the form, in order: one per language, the contact office, the
        website and source, and the date checked."""
        groups = [
            FieldGroup(
                legend=_language_name(code),
                fields=[self[f"{name}_{code}"] for name in TRANSLATED],
                language=code,
            )
            for code in LANGUAGES
        ]
        shared = [
            (_("Contact details, the same in every language"), CONTACT),
            (_("Website and source"), SOURCE),
            (_("Checked"), ("checked_on",)),
        ]
        for legend, names in shared:
            groups.append(FieldGroup(legend=legend, fields=[self[name] for name in names]))
        return groups

    def error_items(self) -> list[tuple[str, str, str]]:
        """``(field id, where, message)`` of every error, for the summary at the top."""
        items = []
        for group in self.groups():
            for bound in group.fields:
                for message in bound.errors:
                    where = f"{group.legend}: {bound.label}" if group.language else str(bound.label)
                    items.append((bound.id_for_label, where, message))
        return items


class FeedbackForm(forms.Form):
    """A reader's answer on a page; the comment is optional and kept as typed (shown
    escaped to editors)."""

    label_suffix = ""  # the labels are questions

    answer = forms.ChoiceField(
        label=_("Was this page helpful?"),
        choices=[
            ("yes", _("Yes")),
            ("no", _("No")),
            ("missing", _("No: I could not find what I needed")),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose one answer.")},
    )
    comment = forms.CharField(
        label=_("What were you looking for? (optional)"),
        help_text=_("Your answer goes to the editors of this page. Do not write personal details."),
        required=False,
        max_length=PlaceFeedback.COMMENT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
