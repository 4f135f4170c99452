"""The officer roles, for the views of this app: the place pages their editors keep.

``welcome.access`` holds the same guards for officer work; this app sits below welcome
and cannot import them, so they are built here from the one role check
(``accounts.access.role_required``). Welcome could import them from here instead.
"""

from __future__ import annotations

from accounts.access import role_required

from .models import Officer


def officer_for(user) -> Officer | None:
    return Officer.objects.select_related("municipality", "region").filter(user=user).first()


def editor_for(user) -> Officer | None:
    officer = officer_for(user)
    return officer if officer is not None and officer.is_editor else None


# A stranger is sent to sign in; anyone else who is not an editor (a newcomer, an
# officer who is not an editor) gets 403; an editor whose session has not passed a
# second factor is sent to set one up or to enter a code. The view gets
# ``request.officer``.
editor_required = role_required(holder=editor_for, attribute="officer", mfa=True)
