"""The officer roles, one home for their guards: an officer (the desk, letters, cases)
and an editor (an officer who also writes the municipality's content: place pages,
own steps, letter templates). Both need a second factor passed in this session.

Built from the one role check (``accounts.access.role_required``): a stranger is sent
to sign in, anyone without the role gets 403, and an officer whose session has not
passed a second factor is sent to set one up or to enter a code. The view gets
``request.officer``; every query of the view starts from it.
"""

from __future__ import annotations

from accounts.access import role_required

from .models import Officer


def officer_for(user) -> Officer | None:
    return Officer.objects.select_related("municipality", "region").filter(user=user).first()


def editor_for(user) -> Officer | None:
    officer = officer_for(user)
    return officer if officer is not None and officer.is_editor else None


officer_required = role_required(holder=officer_for, attribute="officer", mfa=True)
editor_required = role_required(holder=editor_for, attribute="officer", mfa=True)
