"""Choosing one of Sweden's 290 municipalities in a form, by its official code.

Django draws a ``<select>`` with a template per option: 290 templates, most of the time
of the pages that have one (the public journey preview, the directory's filters). Here
the options are built once per content version (``caching.content``) in each process
and joined, with the chosen one marked; the markup is Django's own.
"""

from __future__ import annotations

from django import forms
from django.forms.utils import flatatt
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from caching.content import content_version
from caching.recent import Recent

from .collation import swedish
from .models import Municipality

_options = Recent(2)  # by content version


def municipality_options() -> list[tuple[str, str]]:
    """``(code, <option> markup)`` of every municipality in Swedish order."""
    version = content_version()
    options = _options.get(version)
    if options is None:
        rows = Municipality.objects.order_by(swedish("name")).values_list("code", "name")
        options = [
            (code, format_html('<option value="{}">{}</option>', code, name)) for code, name in rows
        ]
        _options.put(version, options)
    return options


class MunicipalitySelect(forms.Select):
    empty_label: str | None = None

    def render(self, name, value, attrs=None, renderer=None) -> str:
        final = self.build_attrs(self.attrs, attrs)
        chosen = set(self.format_value(value))
        parts = []
        if self.empty_label is not None:
            parts.append(self._option("", self.empty_label, "" in chosen))
        for code, option in municipality_options():
            parts.append(option.replace('">', '" selected>', 1) if code in chosen else option)
        return format_html(
            '<select name="{}"{}>\n  {}\n</select>',
            name,
            flatatt(final),
            mark_safe("\n  ".join(parts)),  # noqa: S308 (each part is format_html's)
        )

    @staticmethod
    def _option(value: str, label: str, selected: bool) -> str:
        return format_html(
            '<option value="{}"{}>{}</option>', value, " selected" if selected else "", label
        )


class MunicipalityChoiceField(forms.ModelChoiceField):
    """Any of the 290 municipalities by its four-digit code, listed by name. The widget
    always draws all of them: for a form that offers only some, use Django's
    ``ModelChoiceField``."""

    widget = MunicipalitySelect

    def __init__(self, **kwargs) -> None:
        super().__init__(
            queryset=Municipality.objects.order_by(swedish("name")), to_field_name="code", **kwargs
        )
        self.widget.empty_label = self.empty_label

    def label_from_instance(self, obj: Municipality) -> str:
        return obj.name
