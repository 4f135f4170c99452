"""Each role's way in, in one place: the links in the header and where a person lands
after signing in (``LANDA_LANDING`` names ``landing``).

A signed-in person may be an officer (the desk), a member of an employer (its pages), a
newcomer (their steps) and staff (the administration); someone with no role yet is
about to move, so their way in is the wizard. They land on the first of their ways in,
unless an invitation to a household waits for them: it survives sign-up and a sign-in
in another browser.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db.models import Exists, OuterRef
from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _

from employers.models import Membership
from municipalities.models import Officer
from newcomers.models import NewcomerProfile
from newcomers.services import invitation_open_for


def roles_state() -> str:
    """What ``role_links`` reads of the person ``u`` beyond their own row, as SQL: a
    page kept for one person (``caching.personal``) is drawn again when it changes.
    Keep the two in step."""
    officers, members = Officer._meta.db_table, Membership._meta.db_table
    profiles = NewcomerProfile._meta.db_table
    return (
        f"SELECT ROW(EXISTS (SELECT 1 FROM {officers} o WHERE o.user_id = u.id), "  # noqa: S608
        f"EXISTS (SELECT 1 FROM {profiles} p WHERE p.user_id = u.id), "
        f"EXISTS (SELECT 1 FROM {members} m WHERE m.user_id = u.id))"
    )


def role_links(request: HttpRequest) -> list[tuple[str, str]]:
    """``(label, url)`` of the ways in of a signed-in person, in the order they land."""
    user = request.user
    if not user.is_authenticated:
        return []
    roles = (
        get_user_model()
        .objects.filter(pk=user.pk)
        .values(  # one query for both, on every page a signed-in person opens
            is_officer=Exists(Officer.objects.filter(user=OuterRef("pk"))),
            is_newcomer=Exists(NewcomerProfile.objects.filter(user=OuterRef("pk"))),
            is_employer=Exists(Membership.objects.filter(user=OuterRef("pk"))),
        )
        .first()
        or {}
    )
    links = []
    if roles.get("is_officer"):
        links.append((_("Officer desk"), reverse("welcome:desk")))
    if roles.get("is_employer"):
        links.append((_("My organisation"), reverse("employers:mine")))
    if roles.get("is_newcomer"):
        links.append((_("My steps"), reverse("newcomers:journey")))
    elif not (links or user.is_staff):
        links.append((_("My steps"), reverse("newcomers:start")))  # no role yet
    if user.is_staff:
        links.append((_("Administration"), reverse("admin:index")))
    return links


def landing(request: HttpRequest) -> str:
    invitation = invitation_open_for(request.user)
    if invitation is not None:
        return reverse("newcomers:join", kwargs={"token": invitation.token})
    links = role_links(request)
    return links[0][1] if links else reverse("home")
