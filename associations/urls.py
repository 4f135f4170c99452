from django.urls import path

from . import mine, views

app_name = "directory"

urlpatterns = [
    path("", views.directory_list, name="list"),
    path("<uuid:uuid>/", views.service_detail, name="service"),
    path("mine/", mine.mine, name="mine"),
    path("mine/<uuid:uuid>/new/", mine.service_new, name="mine_new"),
    path("mine/activities/<uuid:uuid>/", mine.service_edit, name="mine_service"),
    path(
        "mine/activities/<uuid:uuid>/still-correct/",
        mine.service_still_correct,
        name="mine_still_correct",
    ),
]
