from django.urls import path
from django.views.generic import TemplateView

app_name = "newcomers"

urlpatterns = [
    path("", TemplateView.as_view(template_name="newcomers/area.html"), name="area"),
    path(
        "partners/", TemplateView.as_view(template_name="newcomers/partners.html"), name="partners"
    ),
]
