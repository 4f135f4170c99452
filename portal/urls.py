from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from django.views.generic import TemplateView

from newcomers.views.guides import search_page
from newcomers.views.preview import journey_preview
from welcome.views import officer_desk

from . import health, i18n, views

handler404 = "portal.views.page_not_found"


def page(name: str) -> TemplateView:
    return TemplateView.as_view(template_name=f"portal/{name}.html")


urlpatterns = [
    path("healthz", health.healthz, name="healthz"),
    path("i18n/switch/", i18n.language_switch, name="language_switch"),
    path("", views.root, name="root"),
]

urlpatterns += i18n_patterns(
    path("", page("home"), name="home"),
    path("about/", page("about"), name="about"),
    path("accessibility/", page("accessibility"), name="accessibility"),
    path("privacy/", page("privacy"), name="privacy"),
    path("contact/", page("contact"), name="contact"),
    path("accounts/", include("allauth.urls")),
    path("admin/", admin.site.urls),
    path("journey/", journey_preview, name="journey_preview"),
    path("search/", search_page, name="search"),
    path("newcomers/", include("newcomers.urls")),
    # Officer work (welcome) sits above newcomers; its address is the municipality area's.
    path("municipalities/desk/", officer_desk, name="officer_desk"),
    path("employers/", include("employers.urls")),
    path("municipalities/", include("municipalities.urls")),
    prefix_default_language=True,
)
