"""Strings of our dependencies whose translation Landa owns.

Django merges catalogues with ours first; listing a msgid here puts it in ours. Needed
when two dependencies disagree: django.contrib.auth's Ukrainian catalogue leaves
"Email" in English and outranks allauth's, so the sign-in form showed it untranslated.
"""

from django.utils.translation import gettext_noop

OVERRIDDEN = [gettext_noop("Email")]
