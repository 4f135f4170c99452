from django.urls import path

from . import views

app_name = "municipalities"

urlpatterns = [
    path("", views.area, name="area"),
    path("associations/", views.associations, name="associations"),
    path("<slug:slug>/", views.region_detail, name="region"),
]
