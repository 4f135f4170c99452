"""The officer roles: a municipal officer, and an editor (an officer who also writes the
municipality's content), with a second factor passed in this session."""

from __future__ import annotations

from accounts.access import role_required
from municipalities.models import Officer


def officer_for(user) -> Officer | None:
    return Officer.objects.select_related("municipality", "region").filter(user=user).first()


# A stranger is sent to sign in, any other role gets 403, and an officer whose session
# has not passed a second factor is sent to set one up or to enter a code. The view
# gets ``request.officer``.
officer_required = role_required(holder=officer_for, attribute="officer", mfa=True)


def editor_for(user) -> Officer | None:
    officer = officer_for(user)
    return officer if officer is not None and officer.is_editor else None


# The same guard for what an editor writes (the municipality's own steps): an officer
# who is not an editor gets 403, like any other role.
editor_required = role_required(holder=editor_for, attribute="officer", mfa=True)
