"""How every form on the site draws its fields: Django's way, except that a checkbox
comes before its label (as people expect to tick it), with what it means below."""

from django.forms.renderers import DjangoTemplates


class LandaFormRenderer(DjangoTemplates):
    field_template_name = "portal/forms/field.html"
