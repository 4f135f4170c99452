from django.urls import path

from . import views

app_name = "letters"

urlpatterns = [
    path("", views.letters_home, name="home"),
    path("sent/<int:pk>/resend/", views.letter_resend_view, name="resend"),
    path("print/", views.print_run_upload, name="print_upload"),
    path("print/<int:pk>/", views.print_run_detail, name="print_run"),
    path("print/<int:pk>/letters.pdf", views.print_run_pdf, name="print_pdf"),
    path("<slug:code>/<slug:language>/", views.template_edit, name="template_edit"),
]
