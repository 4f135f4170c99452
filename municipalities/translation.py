from modeltranslation.translator import TranslationOptions, register

from .models import PlacePage, Region


@register(Region)
class RegionTranslationOptions(TranslationOptions):
    fields = ("name",)
    required_languages = ("sv",)


@register(PlacePage)
class PlacePageTranslationOptions(TranslationOptions):
    # Each section, and what an office and a source are called, in every language. The
    # page reads a section with ``PlacePage.text_of``, which also says in which language
    # the text it found is written.
    fields = (*PlacePage.SECTIONS, "contact_name", "opening_hours", "source_title")
