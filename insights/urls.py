from django.urls import path

from . import api

app_name = "insights"
urlpatterns = [path("", api.indicators, name="api")]
