"""A newcomer's own welcome letters, under their pages (``/<lang>/newcomers/letters/``)."""

from django.urls import path

from . import views

app_name = "my_letters"

urlpatterns = [
    path("", views.my_letters, name="list"),
    path("<int:pk>/letter.pdf", views.my_letter_pdf, name="pdf"),
]
