"""The directory as open data (CC BY 4.0) in Open Referral HSDS 3 field names:
``/api/directory/hsds/services`` and ``/api/directory/hsds/organizations``, paginated as
HSDS's API pages (``total_items``, ``page_number``, ``contents``...), with an optional
``?municipality=<code>`` and ``?page=`` / ``?per_page=``. Only public entries.

A bad parameter is answered with HTTP 400 naming it, in the reader's language.
"""

from __future__ import annotations

import uuid

from django.core.paginator import EmptyPage, Paginator
from django.db.models import Exists, OuterRef, QuerySet
from django.http import HttpRequest, JsonResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from accounts.api import parameter_refused
from municipalities.models import Municipality

from .models import Organization, Service
from .selectors import in_municipality

# Times are local times in Sweden; a weekly time's UTC offset changes with summer time,
# so no single offset is given (decision in docs/decisions/0007-the-directory.md).
LOCAL_TIME = "Local time in Sweden (Europe/Stockholm)"
LICENSE = {"name": "CC BY 4.0", "url": "https://creativecommons.org/licenses/by/4.0/"}
MAX_PER_PAGE = 100


class BadParameter(ValueError):
    def __init__(self, name: str, message: str) -> None:
        self.name = name
        super().__init__(message)


def _int(request: HttpRequest, name: str, default: int, top: int) -> int:
    raw = request.GET.get(name, "")
    if not raw:
        return default
    if not raw.isdigit() or not 1 <= int(raw) <= top:
        raise BadParameter(
            name,
            _("%(name)s must be a whole number from 1 to %(top)s.") % {"name": name, "top": top},
        )
    return int(raw)


def _municipality(request: HttpRequest) -> Municipality | None:
    code = request.GET.get("municipality", "")
    if not code:
        return None
    municipality = Municipality.objects.filter(code=code).first()
    if municipality is None:
        raise BadParameter(
            "municipality",
            _("No municipality has the code %(code)s (four digits, as SCB writes it).")
            % {"code": code[:20]},
        )
    return municipality


def _page(request: HttpRequest, rows: QuerySet, serialise) -> JsonResponse:
    number = _int(request, "page", 1, 100_000)
    size = _int(request, "per_page", 50, MAX_PER_PAGE)
    paginator = Paginator(rows, size)
    try:
        page = paginator.page(number)
        contents = [serialise(row) for row in page.object_list]
    except EmptyPage:
        contents = []
    return JsonResponse(
        {
            "total_items": paginator.count,
            "total_pages": paginator.num_pages,
            "page_number": number,
            "size": len(contents),
            "first_page": number == 1,
            "last_page": number >= paginator.num_pages,
            "empty": not contents,
            "contents": contents,
            "license": LICENSE,
        },
        json_dumps_params={"ensure_ascii": False},
    )


def _answer(request: HttpRequest, build) -> JsonResponse:
    try:
        return build()
    except BadParameter as error:
        return parameter_refused(error.name, str(error))


def _id(parent: uuid.UUID, part: str) -> str:
    """A stable UUID for a part that has none of its own (HSDS ids are UUIDs)."""
    return str(uuid.uuid5(parent, part))


def _address(location) -> dict:
    return {
        "id": _id(location.uuid, "address"),
        "location_id": str(location.uuid),
        "address_1": location.address,
        "city": location.city,
        "state_province": location.municipality.region.name_sv,
        "postal_code": location.postal_code,
        "country": "SE",
        "address_type": "physical",
    }


def _location(location) -> dict:
    return {
        "id": str(location.uuid),
        "location_type": "physical",
        "name": location.name or location.address,
        "organization_id": str(location.organization.uuid),
        "addresses": [_address(location)],
    }


def service_json(service: Service) -> dict:
    """One service in HSDS 3 field names (Landa's category and audience as attributes)."""
    uid = str(service.uuid)
    return {
        "id": uid,
        "organization_id": str(service.organization.uuid),
        "name": service.name,
        "description": service.description,
        "url": service.online_url or None,
        "email": service.email or None,
        "status": "active",
        "fees_description": None if service.is_free else service.fees_description,
        "cost_options": (
            [{"id": _id(service.uuid, "cost"), "service_id": uid, "option": "free", "amount": 0}]
            if service.is_free
            else [
                {
                    "id": _id(service.uuid, "cost"),
                    "service_id": uid,
                    "option": service.fees_description,
                }
            ]
        ),
        "assured_date": service.last_verified_on.isoformat() if service.last_verified_on else None,
        "last_modified": service.updated_at.isoformat(),
        "languages": [
            {
                "id": _id(service.uuid, f"language:{language.code}"),
                "service_id": uid,
                "name": language.name,
                "code": language.code,
            }
            for language in service.languages.all()
        ],
        "schedules": [
            {
                "id": _id(service.uuid, f"schedule:{schedule.pk}"),
                "service_id": uid,
                "freq": "WEEKLY",
                "byday": schedule.byday,
                "opens_at": schedule.opens_at.strftime("%H:%M"),
                "closes_at": schedule.closes_at.strftime("%H:%M"),
                "notes": LOCAL_TIME,
            }
            for schedule in service.schedules.all()
        ],
        "phones": (
            [{"id": _id(service.uuid, "phone"), "number": service.phone}] if service.phone else []
        ),
        "service_at_locations": (
            [
                {
                    "id": _id(service.uuid, f"at:{service.location.uuid}"),
                    "service_id": uid,
                    "location": _location(service.location),
                }
            ]
            if service.location
            else []
        ),
        "attributes": [
            {
                "id": _id(service.uuid, f"attribute:{key}"),
                "link_id": uid,
                "link_type": "service",
                "link_entity": "service",
                "value": value,
                "taxonomy_term": {"code": value, "taxonomy": f"landa-{key}"},
            }
            for key, value in (("category", service.category), ("audience", service.audience))
        ],
    }


def organization_json(organization: Organization) -> dict:
    return {
        "id": str(organization.uuid),
        "name": organization.name,
        "description": organization.description,
        "email": organization.email or None,
        "website": organization.website or None,
        "locations": [_location(location) for location in organization.locations.all()],
    }


@require_GET
def services(request: HttpRequest) -> JsonResponse:
    def build() -> JsonResponse:
        rows = Service.public().select_related(
            "organization", "location__municipality__region", "location__organization"
        )
        municipality = _municipality(request)
        if municipality is not None:
            rows = rows.filter(in_municipality(municipality))
        rows = rows.prefetch_related("languages", "schedules").order_by("pk")
        return _page(request, rows, service_json)

    return _answer(request, build)


@require_GET
def organizations(request: HttpRequest) -> JsonResponse:
    """Associations with at least one public activity."""

    def build() -> JsonResponse:
        public = Service.public().filter(organization=OuterRef("pk"))
        rows = Organization.objects.filter(Exists(public))
        municipality = _municipality(request)
        if municipality is not None:
            rows = rows.filter(municipality=municipality)
        rows = rows.prefetch_related("locations__municipality__region").order_by("pk")
        return _page(request, rows, organization_json)

    return _answer(request, build)


@require_GET
def export(request: HttpRequest) -> JsonResponse:
    """The whole public directory in one file: every organisation and service, as the
    paged endpoints give them (``?municipality=`` narrows it)."""

    def build() -> JsonResponse:
        services = Service.public().select_related(
            "organization", "location__municipality__region", "location__organization"
        )
        public = Service.public().filter(organization=OuterRef("pk"))
        organizations = Organization.objects.filter(Exists(public))
        municipality = _municipality(request)
        if municipality is not None:
            services = services.filter(in_municipality(municipality))
            organizations = organizations.filter(municipality=municipality)
        services = services.prefetch_related("languages", "schedules").order_by("pk")
        organizations = organizations.prefetch_related("locations__municipality__region")
        response = JsonResponse(
            {
                "license": LICENSE,
                "organizations": [organization_json(o) for o in organizations.order_by("pk")],
                "services": [service_json(s) for s in services],
            },
            json_dumps_params={"ensure_ascii": False},
        )
        response["Content-Disposition"] = 'attachment; filename="landa-directory-hsds.json"'
        return response

    return _answer(request, build)
