from modeltranslation.translator import TranslationOptions, register

from .models import Occupation


@register(Occupation)
class OccupationTranslationOptions(TranslationOptions):
    fields = ("name",)
