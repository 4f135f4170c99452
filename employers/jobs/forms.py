"""Writing a job posting, and filtering the public list."""

from __future__ import annotations

from datetime import timedelta

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from associations.choices import spoken_language_choices
from municipalities.collation import swedish
from municipalities.models import Municipality

from ..models import Job, JobLanguage, Occupation

LANGUAGE_ROWS = 3
MAX_DAYS_OPEN = 366


class JobForm(forms.ModelForm):
    """A posting with up to three required languages, each with its level."""

    class Meta:
        model = Job
        fields = [
            "title",
            "description",
            "occupation",
            "municipality",
            "english_is_enough",
            "work_mode",
            "relocation_support",
            "partner_support",
            "salary_min",
            "salary_max",
            "apply_url",
            "expires_on",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 8}),
            "expires_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["municipality"].queryset = Municipality.objects.order_by(swedish("name"))
        self.fields["occupation"].queryset = Occupation.objects.order_by("code")
        self.fields["apply_url"].widget.attrs["dir"] = "ltr"
        levels = [("", _("No language")), *spoken_language_choices()]
        for row in range(1, LANGUAGE_ROWS + 1):
            self.fields[f"language_{row}"] = forms.ChoiceField(
                label=_("Language required"), choices=levels, required=False
            )
            self.fields[f"level_{row}"] = forms.ChoiceField(
                label=_("Level"),
                choices=[("", "—"), *JobLanguage.Level.choices],
                required=False,
            )
        if self.instance.pk and not self.is_bound:
            for row, language in enumerate(self.instance.languages.all()[:LANGUAGE_ROWS], 1):
                self.initial[f"language_{row}"] = language.code
                self.initial[f"level_{row}"] = language.level
        for field in self.fields.values():
            field.widget.attrs.pop("maxlength", None)

    def clean_expires_on(self):
        expires = self.cleaned_data["expires_on"]
        today = timezone.localdate()
        if expires < today:
            raise forms.ValidationError(_("The last day to apply cannot be in the past."))
        if expires > today + timedelta(days=MAX_DAYS_OPEN):
            raise forms.ValidationError(_("A posting can be open for at most a year."))
        return expires

    def clean_apply_url(self) -> str:
        url = self.cleaned_data["apply_url"]
        if not url.startswith(("https://", "http://")):
            raise forms.ValidationError(_("Give an address that starts with https://."))
        return url

    def clean(self) -> dict:
        data = super().clean()
        low, high = data.get("salary_min"), data.get("salary_max")
        if low is not None and high is not None and low > high:
            self.add_error("salary_max", _("The highest salary must be at least the lowest."))
        chosen = []
        for row in range(1, LANGUAGE_ROWS + 1):
            code, level = data.get(f"language_{row}"), data.get(f"level_{row}")
            if code and not level:
                self.add_error(f"level_{row}", _("Choose the level this language is needed at."))
            elif level and not code:
                self.add_error(f"language_{row}", _("Choose the language for this level."))
            elif code in [c for c, _l in chosen]:
                self.add_error(f"language_{row}", _("Each language once."))
            elif code:
                chosen.append((code, level))
        self.languages = chosen
        return data


class JobFilterForm(forms.Form):
    """The public list's filters, read from the address; a bad value is left out."""

    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    municipality = forms.ModelChoiceField(
        label=_("Municipality"),
        queryset=Municipality.objects.none(),
        to_field_name="code",
        required=False,
        empty_label=_("All municipalities"),
    )
    occupation = forms.ModelChoiceField(
        label=_("Occupation"),
        queryset=Occupation.objects.none(),
        to_field_name="code",
        required=False,
        empty_label=_("All occupations"),
    )
    english = forms.BooleanField(label=_("English is enough"), required=False)
    work_mode = forms.ChoiceField(label=_("Where the work is done"), required=False)
    relocation = forms.BooleanField(label=_("Help with moving"), required=False)
    partner = forms.BooleanField(label=_("Support for a partner's career"), required=False)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["municipality"].queryset = Municipality.objects.order_by(swedish("name"))
        self.fields["occupation"].queryset = Occupation.objects.order_by("code")
        self.fields["work_mode"].choices = [("", _("Anywhere")), *Job.WorkMode.choices]
