"""Swedish organisation numbers (organisationsnummer) of legal persons.

Ten digits, written ``NNNNNN-NNNN``; sometimes with the century prefix ``16`` in front
(twelve digits). The first digit tells the kind of legal person (2 the state, regions
and municipalities, 5 limited companies, 7 economic associations, 8 non-profit
associations and foundations, 9 trading partnerships...); the third and fourth digits
together are at least 20, which tells an organisation number from a personal identity
number; the last digit is a check digit by the Luhn algorithm (modulus 10) over the
other nine.

A sole trader's business uses the owner's personal identity number. Landa does not take
personal identity numbers for an employer's organisation (it would be a person's, and
shown to every member): a sole trader is told so. Decision in
``docs/decisions/0009-employers.md``.

Source: Skatteverket, "Organisationsnummer" (SKV 709), the rules above as the brochure
gives them; read on 2026-11-23 from what was known of it, not from the page itself,
which this machine cannot reach: to be checked against
https://www.skatteverket.se/ by an editor.
"""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

_SHAPE = re.compile(r"^(?:16)?(\d{6})-?(\d{4})$")


def luhn_valid(digits: str) -> bool:
    """The Luhn check over a string of digits, its last the check digit."""
    total = 0
    for position, digit in enumerate(reversed(digits)):
        value = int(digit) * (2 if position % 2 else 1)
        total += value - 9 if value > 9 else value
    return total % 10 == 0


def org_number_clean(value: str) -> str:
    """The number as ``NNNNNN-NNNN``, or a ``ValidationError`` saying what is wrong."""
    compact = re.sub(r"\s", "", value or "")
    match = _SHAPE.match(compact)
    if match is None:
        raise ValidationError(
            _("An organisation number has ten digits, written like 556677-8899."),
            code="shape",
        )
    digits = match.group(1) + match.group(2)
    if int(digits[2:4]) < 20:
        raise ValidationError(
            _(
                "This looks like a personal identity number. A sole trader's business uses "
                "one; Landa takes only the organisation numbers of companies, associations "
                "and public bodies."
            ),
            code="personal",
        )
    if not luhn_valid(digits):
        raise ValidationError(
            _("The last digit does not match the others: check the number for a typing error."),
            code="check_digit",
        )
    return f"{digits[:6]}-{digits[6:]}"
