"""Many newcomers at once, for measurements: one real newcomer is built through the
services, then copied in SQL (every row of theirs, with new ids), so that 100,000
journeys take seconds, not hours, and look exactly like the real one."""

from __future__ import annotations

from django.db import connection
from django.db.models import Model

from accounts.models import User
from checklists.models import ChecklistInstance, InstanceItem
from newcomers.models import NewcomerProfile

EMAIL_FORMAT = "crowd-%s@example.org"  # PostgreSQL's format(): %s is the copy's number


def _copy(model: type[Model], *, overrides: dict[str, str], source: str, params: list) -> int:
    """Insert into ``model``'s table a row for each row of ``source`` (a FROM … WHERE
    clause over the template's rows, aliased ``t``), column by column, with
    ``overrides`` (column → SQL expression) for what must differ. Table and column
    names come from the models, values from ``params``."""
    columns = [f.column for f in model._meta.concrete_fields if not f.primary_key]
    select = ", ".join(overrides.get(c, f't."{c}"') for c in columns)
    names = ", ".join(f'"{c}"' for c in columns)
    table = model._meta.db_table
    sql = f"INSERT INTO {table} ({names}) SELECT {select} FROM {source}"  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.rowcount


def crowd_create(*, template: User, count: int, first: int = 1) -> int:
    """Copy ``template`` (a user with a profile and a journey) ``count`` times; the
    copies are numbered from ``first`` in their addresses."""
    users = User._meta.db_table
    newer = User.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    made = _copy(
        User,
        overrides={"email": "format(%s, g)"},
        source=f"{users} t, generate_series(%s, %s) g WHERE t.id = %s",
        params=[EMAIL_FORMAT, first, first + count - 1, template.pk],
    )
    profiles = NewcomerProfile._meta.db_table
    newest_profile = NewcomerProfile.objects.order_by("-pk").values_list("pk", flat=True).first()
    _copy(
        NewcomerProfile,
        overrides={"user_id": "u.id", "household_id": "NULL"},
        source=f"{profiles} t, {users} u WHERE t.user_id = %s AND u.id > %s",
        params=[template.pk, newer],
    )
    journey = template.newcomer.checklists.get()
    _copy(  # the journey's subject is the profile
        ChecklistInstance,
        overrides={"subject_id": "p.id"},
        source=f"{ChecklistInstance._meta.db_table} t, {profiles} p WHERE t.id = %s AND p.id > %s",
        params=[journey.pk, newest_profile or 0],
    )
    instances = ChecklistInstance._meta.db_table
    _copy(
        InstanceItem,
        overrides={"instance_id": "i.id"},
        source=(
            f"{InstanceItem._meta.db_table} t, {instances} i"
            " WHERE t.instance_id = %s AND i.kind = %s AND i.subject_id > %s"
        ),
        params=[journey.pk, journey.kind, newest_profile or 0],
    )
    statistics_refresh()
    return made


def statistics_refresh() -> None:
    """What autovacuum does soon after a bulk load in production: without it the
    planner takes the new rows for none and joins them row by row."""
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def newcomer_template(email: str, *, move: dict, family: dict) -> User:
    """One newcomer made through the services, as a person would: the one a crowd
    copies."""
    from newcomers.services import profile_save_family, profile_save_move

    user = User.objects.create_user(email=email, password="x" * 20)
    profile = profile_save_move(user=user, data=move)
    profile_save_family(profile=profile, data=family)
    return user
