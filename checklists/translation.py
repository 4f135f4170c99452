from modeltranslation.translator import TranslationOptions, register

from .models import Authority, ChecklistItem, ChecklistTemplate, Source


@register(Authority)
class AuthorityTranslationOptions(TranslationOptions):
    fields = ("name", "handles")


@register(ChecklistTemplate)
class ChecklistTemplateTranslationOptions(TranslationOptions):
    fields = ("name",)


@register(ChecklistItem)
class ChecklistItemTranslationOptions(TranslationOptions):
    fields = ("title", "body")


@register(Source)
class SourceTranslationOptions(TranslationOptions):
    fields = ("title",)
