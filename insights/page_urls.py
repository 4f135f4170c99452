from django.urls import path

from . import views

app_name = "indicators"
urlpatterns = [
    path("", views.headlines, name="headlines"),
    path("dashboard/", views.dashboard, name="dashboard"),
    path("dashboard.csv", views.dashboard_csv, name="dashboard_csv"),
]
