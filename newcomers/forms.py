"""Forms for the facts of a move: shared by the public preview and the onboarding wizard."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext

from municipalities.fields import MunicipalityChoiceField

from .choices import CITIZENSHIP_CHOICES, DRIVING_LICENCE_CHOICES, PURPOSE_CHOICES
from .models import NewcomerProfile

YES_NO = [("0", _("No")), ("1", _("Yes"))]
MAX_STAY_MONTHS = 600
ARRIVAL_WINDOW_DAYS = 5 * 365
MAX_CHILD_AGE = 25


def _yes_no(label: str, **kwargs) -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        label=label,
        choices=YES_NO,
        coerce=lambda v: v == "1",
        widget=forms.RadioSelect,
        initial="0",
        required=False,
        empty_value=False,
        **kwargs,
    )


class PartnerQuestion(forms.BoundField):
    """A question about a partner who moves too. Its wrapper's class lets the page hide
    it while "Is a partner moving with you?" is answered No (CSS ``:has()``, so without
    JavaScript); the answer is ignored then anyway."""

    def css_classes(self, extra_classes=None) -> str:
        return f"{super().css_classes(extra_classes)} if-partner-moves".strip()


class MunicipalityField(MunicipalityChoiceField):
    """A municipality by its official four-digit code, listed by name."""

    def __init__(self, **kwargs) -> None:
        super().__init__(
            error_messages={
                "invalid_choice": _("Choose one of Sweden's municipalities (a four-digit code).")
            },
            **kwargs,
        )


class ChildrenAgesField(forms.CharField):
    """Ages of children as "3, 7" (years)."""

    def to_python(self, value) -> tuple[int, ...]:
        text = (value or "").strip()
        if not text:
            return ()
        ages = []
        for part in text.replace(";", ",").replace("،", ",").split(","):  # Arabic comma too
            part = part.strip()
            try:
                age = int(part)
            except ValueError as error:
                raise forms.ValidationError(
                    _("Write ages as whole numbers separated by commas, such as 3, 7."),
                    code="invalid",
                ) from error
            if not 0 <= age <= MAX_CHILD_AGE:
                raise forms.ValidationError(
                    _("A child's age must be between 0 and %(max)d.") % {"max": MAX_CHILD_AGE},
                    code="range",
                )
            ages.append(age)
        if len(ages) > 12:
            raise forms.ValidationError(_("Enter at most 12 children."), code="too_many")
        return tuple(sorted(ages))

    def validate(self, value) -> None:
        if self.required and not value:
            raise forms.ValidationError(self.error_messages["required"], code="required")


class MoveFactsForm(forms.Form):
    citizenship = forms.ChoiceField(
        label=_("Your citizenship"), choices=CITIZENSHIP_CHOICES, widget=forms.RadioSelect
    )
    purpose = forms.ChoiceField(
        label=_("Why you are moving"), choices=PURPOSE_CHOICES, widget=forms.RadioSelect
    )
    stay_months = forms.IntegerField(
        label=_("How many months you plan to stay"),
        min_value=1,
        max_value=MAX_STAY_MONTHS,
        help_text=_(
            "With a year or more you should usually be registered in Sweden; the Swedish Tax "
            "Agency decides."
        ),
    )
    arrival = forms.DateField(
        label=_("Arrival date"),
        help_text=_("For example 2027-03-01."),
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    municipality = MunicipalityField(
        label=_("Municipality you are moving to"), required=False, empty_label=_("I don't know yet")
    )
    driving_licence = forms.TypedChoiceField(
        label=_("Where was your driving licence issued?"),
        help_text=_(
            "What matters in Sweden is where the licence was issued, not your citizenship."
        ),
        choices=DRIVING_LICENCE_CHOICES,
        widget=forms.RadioSelect,
        initial="none",
        required=False,
        empty_value="none",
    )

    def clean_arrival(self) -> date:
        arrival = self.cleaned_data["arrival"]
        today = timezone.localdate()
        if abs((arrival - today).days) > ARRIVAL_WINDOW_DAYS:
            raise forms.ValidationError(
                _("Choose an arrival date within five years of today."), code="far"
            )
        return arrival


class FamilyFactsForm(forms.Form):
    partner = _yes_no(_("Is a partner moving with you?"))
    partner_working = _yes_no(
        _("Does your partner already have a job in Sweden?"), bound_field_class=PartnerQuestion
    )
    children = ChildrenAgesField(
        label=_("Ages of children moving with you"),
        required=False,
        help_text=_("Separate ages with commas, such as 3, 7. Leave empty if none."),
    )


class JourneyPreviewForm(MoveFactsForm, FamilyFactsForm):
    """All facts at once, for the public preview and its JSON contract: the move
    first, then the family."""

    field_order = [*MoveFactsForm.base_fields, *FamilyFactsForm.base_fields]


def _same(value: object) -> object:
    return value


def _yes_no_value(value: object) -> str:
    return "1" if value else "0"


@dataclass(frozen=True)
class Answer:
    """A question of the preview and the wizard and the journey fact it answers.

    ``field`` is the form field and the preview's query parameter (a public contract,
    so it keeps its short name); ``to_fact`` reads a cleaned answer as the fact's value
    and ``to_field`` shows a fact's value as the form's initial answer.
    """

    field: str
    fact: str
    to_fact: Callable[[object], object] = _same
    to_field: Callable[[object], object] = _same


ANSWERS = (
    Answer("citizenship", "citizenship"),
    Answer("purpose", "purpose"),
    Answer("stay_months", "stay_months"),
    Answer("arrival", "arrival_date"),
    Answer(
        "municipality",
        "municipality",
        to_fact=lambda municipality: municipality.code if municipality else "",
        to_field=lambda code: code or None,
    ),
    Answer("driving_licence", "driving_licence", to_fact=lambda value: value or "none"),
    Answer("partner", "partner_moving", to_field=_yes_no_value),
    Answer("partner_working", "partner_working", to_field=_yes_no_value),
    Answer("children", "children_ages", to_field=lambda ages: ", ".join(str(age) for age in ages)),
    Answer("has_employer", "has_employer", to_field=_yes_no_value),
)


def facts_from_answers(data: Mapping[str, object]) -> dict[str, object]:
    """Fact values, by fact name, of the answers a form's cleaned data holds."""
    return {a.fact: a.to_fact(data[a.field]) for a in ANSWERS if a.field in data}


def answers_from_facts(facts: Mapping[str, object]) -> dict[str, object]:
    """A form's initial answers from fact values."""
    return {a.field: a.to_field(facts[a.fact]) for a in ANSWERS if a.fact in facts}


def first_error(form: forms.Form) -> tuple[str, str]:
    """``(field, message)`` of a form's first error, for the JSON contract."""
    field, errors = next(iter(form.errors.items()))
    return field, str(errors[0])


class FamilyAndWorkForm(FamilyFactsForm):
    has_employer = _yes_no(_("Do you already have an employer in Sweden?"))


class JoinForm(forms.Form):
    """Joining a household: the partner's own citizenship, which decides their permit."""

    citizenship = forms.ChoiceField(
        label=_("Your citizenship"), choices=CITIZENSHIP_CHOICES, widget=forms.RadioSelect
    )


class PartnerInviteForm(forms.Form):
    email = forms.EmailField(label=_("Your partner's email address"))


class RemindersForm(forms.Form):
    reminders = forms.ChoiceField(label=_("Reminder emails"), widget=forms.RadioSelect)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["reminders"].choices = NewcomerProfile.Reminders.choices


def confirmation_word() -> str:
    """The word a person types to confirm erasure, in their own language."""
    return pgettext("word typed to confirm deleting an account", "DELETE")


class DeleteAccountForm(forms.Form):
    confirm = forms.CharField(help_text=_("This cannot be undone."))

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["confirm"].label = _("Type %(word)s to confirm") % {"word": confirmation_word()}

    def clean_confirm(self) -> str:
        value = self.cleaned_data["confirm"].strip()
        # The word in the page's language; the English word also works, so that a person
        # following instructions from someone else is not stuck.
        if value.casefold() not in {confirmation_word().casefold(), "delete"}:
            raise forms.ValidationError(
                _("Type %(word)s to confirm.") % {"word": confirmation_word()}
            )
        return value
