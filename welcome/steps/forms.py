"""The form of a municipality's step, and the persona picker of the preview.

Titles and texts are asked in every enabled language, one fieldset each. Swedish and
English are required: the site falls back to English, then Swedish, for a language
that lacks a text (``MODELTRANSLATION_FALLBACK_LANGUAGES``), so those two are what
every reader is sure to get. Text is plain text, stored as typed and always escaped.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.text import format_lazy
from django.utils.translation import get_language_info, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from checklists.conditions import condition_validate
from checklists.facts import Fact
from checklists.models import Authority, ChecklistItem
from checklists.validation import dependencies_validate
from newcomers.journey import JOURNEY

from .personas import persona_choices
from .selectors import MunicipalSteps

REQUIRED_LANGUAGES = ("sv", "en")
TEXTS = (("title", _("Title")), ("body", _("What to do")))


@dataclass(frozen=True)
class LanguageFieldset:
    code: str
    name: str
    fields: list[forms.BoundField]


class StepForm(forms.Form):
    key = forms.SlugField(
        label=_("Key"),
        max_length=60,
        help_text=_(
            "Letters, digits and hyphens, such as housing-queue. It cannot be changed later: "
            "progress is kept by key. A national step's key replaces that step."
        ),
        widget=forms.TextInput(attrs={"dir": "ltr", "autocomplete": "off"}),
    )
    phase = forms.ChoiceField(label=_("Phase"), choices=[])
    due_offset_days = forms.IntegerField(
        label=_("Due, in days after arrival"),
        required=False,
        min_value=-730,
        max_value=3650,
        help_text=_("Negative numbers are before arrival. Empty: a step with no fixed date."),
    )
    due_after_dependencies = forms.BooleanField(
        label=_("Count the days from when the steps it depends on are done"),
        required=False,
        label_suffix="",  # a checkbox's label follows it
    )
    depends_on = forms.MultipleChoiceField(
        label=_("Depends on"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("There is no step with the key “%(value)s”.")},
    )
    authority = forms.ModelChoiceField(
        label=_("Authority"),
        queryset=Authority.objects.all(),
        required=False,
        empty_label=pgettext_lazy("no authority", "None"),
    )
    link_url = forms.URLField(
        label=_("Link for more information"),
        required=False,
        max_length=200,
        assume_scheme="https",
        validators=[
            URLValidator(
                schemes=["https"],
                message=_("Enter an address that starts with https://."),
                code="https_only",  # "invalid" would take the field's generic message
            )
        ],
        widget=forms.URLInput(attrs={"dir": "ltr"}),
    )
    condition = forms.CharField(
        label=_("Condition"),
        required=False,
        initial='{"all": []}',
        help_text=_('Who gets the step, in JSON. Empty or {"all": []}: everyone.'),
        widget=forms.Textarea(
            attrs={"rows": 6, "dir": "ltr", "spellcheck": "false", "class": "condition-input"}
        ),
    )

    def __init__(self, *args, steps: MunicipalSteps, key: str | None = None, **kwargs) -> None:
        """``key`` is fixed when a step is replaced or changed; otherwise it is asked."""
        super().__init__(*args, **kwargs)
        self.steps = steps
        self.fixed_key = key
        if key is not None:
            del self.fields["key"]
        self.fields["phase"].choices = [(phase.value, phase.label) for phase in JOURNEY.phases]
        self.fields["depends_on"].choices = steps.choices(leave_out=key)
        self.order_fields(["key"])
        for code, name in settings.LANGUAGES:
            info = get_language_info(code)
            attrs = {"lang": code, "dir": "rtl" if info["bidi"] else "ltr"}
            for field, label in TEXTS:
                self.fields[f"{field}_{code}"] = forms.CharField(
                    label=format_lazy("{} ({})", label, name),
                    required=code in REQUIRED_LANGUAGES,
                    max_length=200 if field == "title" else None,
                    widget=forms.TextInput(attrs=attrs)
                    if field == "title"
                    else forms.Textarea(attrs={**attrs, "rows": 4}),
                )

    def language_fieldsets(self) -> list[LanguageFieldset]:
        return [
            LanguageFieldset(code, name, [self[f"{field}_{code}"] for field, _label in TEXTS])
            for code, name in settings.LANGUAGES
        ]

    def clean_key(self) -> str:
        key = self.cleaned_data["key"]
        if key in self.steps.municipal:
            raise ValidationError(
                _("“%(key)s” is already one of the municipality's steps: change it in the list."),
                params={"key": key},
            )
        return key

    def clean_condition(self) -> dict:
        text = self.cleaned_data["condition"].strip()
        if not text:
            return {"all": []}
        try:
            condition = json.loads(text)
        except json.JSONDecodeError as error:
            raise ValidationError(
                _("This is not valid JSON (line %(line)d, column %(column)d)."),
                params={"line": error.lineno, "column": error.colno},
            ) from error
        condition_validate(condition, facts=JOURNEY.facts.condition_facts())
        return condition

    def clean(self) -> dict:
        cleaned = super().clean()
        key = self.fixed_key or cleaned.get("key")
        depends_on = cleaned.get("depends_on")
        if not key or depends_on is None:
            return cleaned
        if key in depends_on:
            self.add_error("depends_on", _("A step cannot depend on itself."))
            return cleaned
        template = self.steps.template_or_new()
        item = self.steps.municipal.get(key) or ChecklistItem(template=template, key=key)
        try:  # the graph assembly will build across layers, with what is proposed here
            dependencies_validate(
                item=item,
                dependencies=[self.steps.item_for(dependency) for dependency in depends_on],
                key=key,
                template=template,
            )
        except ValidationError as error:
            self.add_error("depends_on", error)
        return cleaned

    @property
    def key_value(self) -> str:
        return self.fixed_key or self.cleaned_data["key"]

    def content(self) -> dict[str, object]:
        """The cleaned values, by model field (``services.CONTENT_FIELDS``)."""
        data = self.cleaned_data
        texts = {
            f"{field}_{code}": data[f"{field}_{code}"].strip()
            for field, _label in TEXTS
            for code, _name in settings.LANGUAGES
        }
        return {
            **texts,
            "phase": data["phase"],
            "due_offset_days": data["due_offset_days"],
            "due_after_dependencies": data["due_after_dependencies"],
            "authority": data["authority"],
            "link_url": data["link_url"],
            "condition": data["condition"],
        }


def initial_from(item: ChecklistItem, *, depends_on: list[str]) -> dict[str, object]:
    """A step's form filled from an existing step (to replace or change it)."""
    texts = {
        f"{field}_{code}": getattr(item, f"{field}_{code}") or ""
        for field, _label in TEXTS
        for code, _name in settings.LANGUAGES
    }
    return {
        **texts,
        "phase": item.phase,
        "due_offset_days": item.due_offset_days,
        "due_after_dependencies": item.due_after_dependencies,
        "depends_on": depends_on,
        "authority": item.authority_id,
        "link_url": item.link_url,
        "condition": json.dumps(item.condition, ensure_ascii=False, indent=2),
    }


@dataclass(frozen=True)
class FactHelp:
    name: str
    label: str
    kind: str
    choices: tuple[tuple[str, str], ...]


FACT_TYPES = {
    "bool": _("true or false"),
    "int": _("a whole number"),
    "str": _("text"),
    "choice": _("one of"),
}


def facts_help() -> list[FactHelp]:
    """The facts a condition may use, by name, with their labels and values."""
    facts: dict[str, Fact] = JOURNEY.facts.condition_facts()
    return [
        FactHelp(name, str(fact.label), str(FACT_TYPES[fact.type]), fact.choices)
        for name, fact in sorted(facts.items())
    ]


class PersonaForm(forms.Form):
    persona = forms.ChoiceField(label=_("Preview as"), choices=persona_choices)
