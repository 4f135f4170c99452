"""The cost of not hiring: what a role left empty costs, by a formula anyone can check.

    lost value      = monthly salary * value multiple * months empty
    saved cost      = monthly salary * (1 + employer's contributions) * months empty
    extra costs     = extra cost per month * months empty
    cost of waiting = lost value - saved cost + extra costs

The value multiple says how much more a role produces than its salary; the employer
knows their own figure, and the default of 2 is only illustrative (a rule of thumb, no
source that holds for every role). The employer's social contributions are the general
rate Skatteverket publishes, 31.42 % of salary (reduced rates for some ages are left
out): source "Arbetsgivaravgifter", skatteverket.se, recalled on 2026-11-23 and not read
from the page, which this machine cannot reach; marked so on the page too.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

EMPLOYER_CONTRIBUTIONS = Decimal("0.3142")
DEFAULT_MULTIPLE = Decimal("2.0")


@dataclass(frozen=True)
class VacancyCost:
    lost_value: Decimal
    saved_cost: Decimal
    extra_costs: Decimal

    @property
    def total(self) -> Decimal:
        return self.lost_value - self.saved_cost + self.extra_costs


def vacancy_cost(
    *, salary: Decimal, multiple: Decimal, months: Decimal, extra: Decimal
) -> VacancyCost:
    return VacancyCost(
        lost_value=(salary * multiple * months).quantize(Decimal("1")),
        saved_cost=(salary * (1 + EMPLOYER_CONTRIBUTIONS) * months).quantize(Decimal("1")),
        extra_costs=(extra * months).quantize(Decimal("1")),
    )


class CalculatorForm(forms.Form):
    salary = forms.DecimalField(
        label=_("Monthly salary of the role (kronor)"),
        min_value=1,
        max_value=1_000_000,
        decimal_places=0,
    )
    months = forms.DecimalField(
        label=_("Months the role stays empty"),
        min_value=Decimal("0.5"),
        max_value=60,
        decimal_places=1,
        help_text=_("Until someone has started and learned the job."),
    )
    multiple = forms.DecimalField(
        label=_("Value the role creates, as a multiple of its salary"),
        min_value=0,
        max_value=20,
        decimal_places=1,
        initial=DEFAULT_MULTIPLE,
        help_text=_("2 is only an example: use your own figure if you have one."),
    )
    extra = forms.DecimalField(
        label=_("Extra costs per month while it is empty (kronor)"),
        min_value=0,
        max_value=10_000_000,
        decimal_places=0,
        required=False,
        help_text=_("Overtime, consultants, orders you turn down."),
    )


def cost_calculator(request: HttpRequest) -> HttpResponse:
    form = CalculatorForm(request.GET or None)
    cost = None
    if form.is_valid():
        data = form.cleaned_data
        cost = vacancy_cost(
            salary=data["salary"],
            multiple=data["multiple"],
            months=data["months"],
            extra=data["extra"] or Decimal(0),
        )
    context = {
        "form": form,
        "cost": cost,
        "contributions": EMPLOYER_CONTRIBUTIONS * 100,
        "default_multiple": DEFAULT_MULTIPLE,
    }
    return render(request, "employers/calculator.html", context, status=400 if form.errors else 200)
