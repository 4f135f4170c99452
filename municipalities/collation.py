"""Swedish alphabetical order: Å, Ä and Ö come after Z, in that order (Åmål before
Älmhult before Örebro), and a name is compared letter by letter, not by byte.

PostgreSQL sorts with its ICU collation ``sv-x-icu`` (Debian's PostgreSQL is built with
ICU). The embedded SQLite database gets a collation of the same name, registered on
each new connection, so ``order_by(swedish("name"))`` reads the same in both.
"""

from __future__ import annotations

from django.db.backends.signals import connection_created
from django.db.models.functions import Collate

SWEDISH = "sv-x-icu"
_ALPHABET = "abcdefghijklmnopqrstuvwxyzåäö"
_FOLD = {"é": "e", "è": "e", "ü": "y"}


def swedish(field: str) -> Collate:
    return Collate(field, SWEDISH)


def swedish_key(text: str) -> tuple:
    """A sort key in Swedish order, for Python and for SQLite's collation."""
    key = []
    for char in text.casefold():
        char = _FOLD.get(char, char)
        position = _ALPHABET.find(char)
        key.append((0, position) if position >= 0 else (1, ord(char)))
    return tuple(key), text


def _compare(left: str, right: str) -> int:
    a, b = swedish_key(left), swedish_key(right)
    return (a > b) - (a < b)


def _register_on_sqlite(sender, connection, **kwargs) -> None:
    if connection.vendor == "sqlite":
        connection.connection.create_collation(SWEDISH, _compare)


connection_created.connect(_register_on_sqlite, dispatch_uid="municipalities.swedish_collation")
