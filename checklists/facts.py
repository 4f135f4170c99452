"""Facts: what a checklist's subject states, declared once per kind with types and labels.

A kind of checklist (``kinds.ChecklistKind``) declares a ``FactSchema``: the facts its
subject states (``Fact``) and the facts derived from them (``Derived``). Everything else
reads the schema: the condition validator (which facts a condition may use, and their
values), JSON storage of an instance's facts, and the "why this step" text. Adding a
fact to a kind means adding it to its schema.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext

SCALAR = ("choice", "int", "bool", "str")  # the types a condition can compare


@dataclass(frozen=True)
class Fact:
    """A stated fact. ``type`` is one of ``SCALAR``, ``"date"`` or ``"ints"``."""

    name: str
    type: str
    label: str
    choices: tuple[tuple[str, str], ...] = ()  # (value, label) for "choice" facts
    default: object = None

    def accepts(self, value: object) -> bool:
        if self.type == "bool":
            return isinstance(value, bool)
        if self.type == "int":
            return isinstance(value, int) and not isinstance(value, bool)
        if self.type == "choice":
            return value in self.values
        return isinstance(value, str)

    @property
    def values(self) -> tuple[str, ...]:
        return tuple(value for value, _label in self.choices)

    def to_json(self, value: object) -> object:
        if self.type == "date":
            return value.isoformat() if value else None
        if self.type == "ints":
            return list(value)
        return value

    def from_json(self, value: object) -> object:
        if self.type == "date":
            return date.fromisoformat(value) if value else None
        if self.type == "ints":
            return tuple(value)
        return value


@dataclass(frozen=True)
class Derived(Fact):
    """A fact computed from the stated ones (it may refine a stated fact of its name)."""

    compute: Callable[[Mapping[str, object]], object] = lambda stated: None


class Facts(Mapping[str, object]):
    """The facts of one subject: ``facts["arrival_date"]`` or ``facts.arrival_date``."""

    def __init__(self, schema: FactSchema, stated: Mapping[str, object]) -> None:
        self._schema = schema
        self._stated = dict(stated)

    def __getitem__(self, name: str) -> object:
        return self._stated[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._stated)

    def __len__(self) -> int:
        return len(self._stated)

    def __getattr__(self, name: str) -> object:
        try:
            return self.__dict__["_stated"][name]
        except KeyError as error:
            raise AttributeError(name) from error

    def __repr__(self) -> str:
        return f"Facts({self._stated!r})"

    @property
    def schema(self) -> FactSchema:
        return self._schema

    def condition_values(self) -> dict[str, object]:
        """The typed values conditions are evaluated against: stated, then derived."""
        return self._schema.condition_values(self)

    def to_json(self) -> dict:
        return self._schema.to_json(self)


class FactSchema:
    def __init__(self, stated: Iterable[Fact], derived: Iterable[Derived] = ()) -> None:
        self.stated = {fact.name: fact for fact in stated}
        self.derived = {fact.name: fact for fact in derived}

    def make(self, **values: object) -> Facts:
        """Facts from keyword values; a fact not given takes its default."""
        unknown = set(values) - set(self.stated)
        if unknown:
            raise TypeError(f"unknown facts: {', '.join(sorted(unknown))}")
        return Facts(self, {name: values.get(name, f.default) for name, f in self.stated.items()})

    def to_json(self, facts: Mapping[str, object]) -> dict:
        """Every stated fact as JSON; one not given takes its default (as ``from_json``
        does), so a fact added to a schema later reads the same either way."""
        return {
            name: fact.to_json(facts.get(name, fact.default)) for name, fact in self.stated.items()
        }

    def from_json(self, data: Mapping[str, object]) -> Facts:
        return Facts(
            self,
            {
                name: fact.from_json(data[name]) if name in data else fact.default
                for name, fact in self.stated.items()
            },
        )

    def condition_facts(self) -> dict[str, Fact]:
        """The facts a condition may use, by name: scalar stated ones and derived ones."""
        usable = {name: f for name, f in self.stated.items() if f.type in SCALAR}
        return {**usable, **self.derived}

    def condition_values(self, facts: Mapping[str, object]) -> dict[str, object]:
        values = {name: facts[name] for name, f in self.stated.items() if f.type in SCALAR}
        values.update({name: f.compute(facts) for name, f in self.derived.items()})
        return values

    def explain(self, name: str, values: Mapping[str, object]) -> tuple[str, str]:
        """``(label, value)`` of one fact in words, for "why this step"."""
        fact = self.condition_facts()[name]
        value = values.get(name)
        if fact.type == "bool":
            shown = gettext("yes") if value else gettext("no")
        elif fact.type == "choice":
            shown = str(dict(fact.choices).get(value, value))
        else:
            shown = str(value) if value not in (None, "") else gettext("not given")
        return str(fact.label), shown
