"""The directory's fixed vocabularies: categories, audiences, weekdays (as RFC 5545 and
HSDS name them) and the languages an activity can be held in (ISO 639-1)."""

from __future__ import annotations

from django.conf.locale import LANG_INFO
from django.db import models
from django.utils.translation import gettext_lazy as _


class Category(models.TextChoices):
    LANGUAGE_PRACTICE = "language_practice", _("Language practice")
    SPORTS = "sports", _("Sports")
    CULTURE = "culture", _("Culture")
    FAITH = "faith", _("Faith")
    FAMILY = "family_children", _("Family and children")
    MENTORING = "mentoring", _("Mentoring")
    PROFESSIONAL = "professional_networks", _("Professional networks")
    PARTNERS = "partner_networks", _("Partner networks")
    VOLUNTEERING = "volunteering", _("Volunteering")
    PRACTICAL_HELP = "practical_help", _("Practical help")


class Audience(models.TextChoices):
    EVERYONE = "everyone", _("Everyone")
    NEWCOMERS = "newcomers", _("Newcomers")
    PARTNERS = "partners", _("Partners of newcomers")
    CHILDREN = "children", _("Children and young people")


class Weekday(models.TextChoices):
    MONDAY = "MO", _("Monday")
    TUESDAY = "TU", _("Tuesday")
    WEDNESDAY = "WE", _("Wednesday")
    THURSDAY = "TH", _("Thursday")
    FRIDAY = "FR", _("Friday")
    SATURDAY = "SA", _("Saturday")
    SUNDAY = "SU", _("Sunday")


# ISO 639-1 codes and each language's own name: the ones Django knows (two letters; its
# regional variants left out), and languages spoken by many who move to Sweden that it
# does not (codes from the ISO 639-2 registration authority's list, checked 2026-11-23).
MORE_LANGUAGES = {
    "am": "አማርኛ",  # Amharic
    "gu": "ગુજરાતી",  # Gujarati
    "ha": "Hausa",
    "ku": "Kurdî",  # Kurdish
    "om": "Afaan Oromoo",  # Oromo
    "ps": "پښتو",  # Pashto
    "se": "Davvisámegiella",  # Northern Sami
    "si": "සිංහල",  # Sinhala
    "so": "Soomaali",  # Somali
    "ti": "ትግርኛ",  # Tigrinya
    "tl": "Tagalog",
    "yo": "Yorùbá",  # Yoruba
    "zh": "中文",  # Chinese
}
LANGUAGE_NAMES = {
    **{
        code: info["name_local"]
        for code, info in LANG_INFO.items()
        if len(code) == 2 and "name" in info
    },
    **MORE_LANGUAGES,
}
SPOKEN_LANGUAGES = sorted(LANGUAGE_NAMES)


def spoken_language_choices() -> list[tuple[str, str]]:
    """Each language as it calls itself (a reader finds their own), by code."""
    return [(code, LANGUAGE_NAMES[code]) for code in SPOKEN_LANGUAGES]
