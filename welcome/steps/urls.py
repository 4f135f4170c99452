from django.urls import path

from . import views

app_name = "steps"

urlpatterns = [
    path("", views.steps_index, name="index"),
    path("<str:code>/", views.steps_list, name="list"),
    path("<str:code>/add/", views.step_add, name="add"),
    path("<str:code>/<slug:key>/edit/", views.step_edit, name="edit"),
    path("<str:code>/<slug:key>/hide/", views.step_hide, name="hide"),
    path("<str:code>/<slug:key>/remove/", views.step_remove, name="remove"),
]
