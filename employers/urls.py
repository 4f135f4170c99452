from django.urls import path
from django.views.generic import TemplateView

app_name = "employers"

urlpatterns = [
    path("", TemplateView.as_view(template_name="employers/area.html"), name="area"),
]
