"""The survey's form: only the wave's questions, each answered by choosing one."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Lives, Occupation, SurveyInvitation
from .waves import EMPLOYER, LIVES, SATISFACTION, STILL_EMPLOYED, Wave

SCALE = [
    (1, _("1, not at all")),
    (2, "2"),
    (3, "3"),
    (4, "4"),
    (5, _("5, very well")),
]


class SurveyForm(forms.Form):
    lives = forms.ChoiceField(
        label=_("Where do you live now?"), choices=Lives.choices, widget=forms.RadioSelect
    )
    occupation = forms.ChoiceField(
        label=_("What do you mostly do now?"),
        choices=Occupation.choices,
        widget=forms.RadioSelect,
    )
    satisfaction = forms.TypedChoiceField(
        label=_("How well has life in Sweden come together for you, from 1 to 5?"),
        choices=SCALE,
        coerce=int,
        widget=forms.RadioSelect,
    )
    still_employed = forms.TypedChoiceField(
        label=_("Does the person still work for you?"),
        choices=[("yes", _("Yes")), ("no", _("No"))],
        coerce=lambda answer: answer == "yes",
        widget=forms.RadioSelect,
    )

    def __init__(self, *args, wave: Wave, invitation: SurveyInvitation, **kwargs):
        super().__init__(*args, **kwargs)
        for name in [name for name in self.fields if name not in wave.questions]:
            del self.fields[name]
        if LIVES in self.fields and invitation.municipality:
            self.fields[LIVES].choices = [
                (
                    Lives.MUNICIPALITY,
                    _("In %(municipality)s") % {"municipality": invitation.municipality.name},
                ),
                *Lives.choices[1:],
            ]
        if wave.audience == EMPLOYER and SATISFACTION in self.fields:
            self.fields[SATISFACTION].label = _(
                "How well has the hire's move and start with you gone, from 1 to 5?"
            )
        if STILL_EMPLOYED in self.fields and invitation.hire:
            self.fields[STILL_EMPLOYED].label = _(
                "Does the person you hired as %(role)s still work for you?"
            ) % {"role": invitation.hire.role_title}

    def answers(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.fields}
