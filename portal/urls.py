from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from django.views.generic import TemplateView

from municipalities.feedback import page_feedback
from municipalities.places.links import PlaceLinks
from municipalities.places.urls import place_urls
from newcomers.journey import JOURNEY
from newcomers.models import Guide
from newcomers.steps import public_steps
from newcomers.views.guides import search_page
from newcomers.views.preview import journey_preview

from . import health, i18n, views

handler404 = "portal.views.page_not_found"


def page(name: str) -> TemplateView:
    return TemplateView.as_view(template_name=f"portal/{name}.html")


# Place pages (municipalities) fall back to the national guides and link the public step
# pages; both belong to newcomers, above municipalities, so they are wired here.
PLACE_LINKS = PlaceLinks(
    guides=lambda: Guide.objects.filter(is_published=True),
    guide_topics={
        "welcome": Guide.Topic.SOCIAL_LIFE,
        "housing": Guide.Topic.HOUSING,
        "school": Guide.Topic.FAMILY_SCHOOL,
        "health": Guide.Topic.HEALTH,
        "language_courses": Guide.Topic.LANGUAGE,
        "work": Guide.Topic.WORK_PERMITS,
    },
    steps_kind=JOURNEY.key,
    public_steps=public_steps,
    step_url_name="newcomers:step_detail",
    directory_url_name="directory:list",
)


urlpatterns = [
    path("healthz", health.healthz, name="healthz"),
    path("i18n/switch/", i18n.language_switch, name="language_switch"),
    path("", views.root, name="root"),
    path("api/directory/hsds/", include("associations.api_urls")),
    path("api/readiness/", include("employers.api_urls")),
    path("api/indicators/", include("insights.urls")),
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
    path("feedback/", page_feedback, name="page_feedback"),
    # A newcomer's welcome letters come from officer work (welcome), above newcomers.
    path("newcomers/letters/", include("welcome.letters.newcomer_urls")),
    path("newcomers/meetings/", include("welcome.meetings.newcomer_urls")),
    path("newcomers/", include("newcomers.urls")),
    # Officer work (welcome) sits above newcomers; its address is the municipality area's.
    path("municipalities/desk/", include("welcome.urls")),
    path("employers/", include("employers.urls")),
    path("municipalities/", include("municipalities.urls")),
    path("places/", include(place_urls(PLACE_LINKS))),
    path("directory/", include("associations.urls")),
    path("events/", include("events.urls")),
    path("indicators/", include("insights.page_urls")),
    path("surveys/", include("surveys.urls")),
    prefix_default_language=True,
)
