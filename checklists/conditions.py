"""The condition language of checklist items, stored as JSON.

    {"all": [c, ...]}   every sub-condition holds ({"all": []} always holds)
    {"any": [c, ...]}   at least one holds
    {"not": c}          c does not hold
    {"eq":  [fact, value]}          fact == value
    {"in":  [fact, [value, ...]]}   fact is one of the values
    {"gte": [fact, number]}         fact >= number (int facts)
    {"lte": [fact, number]}         fact <= number (int facts)

Facts and their types come from the kind's schema (``FactSchema.condition_facts``).
``condition_validate`` rejects unknown facts, unknown operators and values of the wrong
type with a message that says which.
"""

from __future__ import annotations

from collections.abc import Mapping

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from .facts import Fact

GROUPS = ("all", "any")
COMPARISONS = ("eq", "in", "gte", "lte")
OPERATORS = (*GROUPS, "not", *COMPARISONS)


def _node(condition: object) -> tuple[str, object]:
    if not isinstance(condition, dict) or len(condition) != 1:
        raise ValidationError(
            _("Each condition must be an object with exactly one operator, got %(value)s.")
            % {"value": condition}
        )
    ((operator, argument),) = condition.items()
    if operator not in OPERATORS:
        raise ValidationError(
            _("Unknown operator “%(operator)s”. Use one of: %(operators)s.")
            % {"operator": operator, "operators": ", ".join(OPERATORS)}
        )
    return operator, argument


def _check_value(operator: str, fact: Fact, value: object) -> None:
    fact_name = fact.name
    if operator in ("gte", "lte") and fact.type != "int":
        raise ValidationError(
            _("“%(operator)s” compares numbers, but “%(fact)s” is not a number.")
            % {"operator": operator, "fact": fact_name}
        )
    values = value if operator == "in" else [value]
    if operator == "in" and not isinstance(value, list):
        raise ValidationError(
            _("“in” needs a list of values for “%(fact)s”.") % {"fact": fact_name}
        )
    for item in values:
        if not fact.accepts(item):
            expected = ", ".join(fact.values) if fact.type == "choice" else fact.type
            raise ValidationError(
                _("“%(value)s” is not a valid value for “%(fact)s” (expected %(expected)s).")
                % {"value": item, "fact": fact_name, "expected": expected}
            )


def condition_validate(condition: object, *, facts: Mapping[str, Fact]) -> None:
    """Raise ``ValidationError`` naming the first problem in ``condition``, given the
    facts (by name) a condition of this kind may use."""
    operator, argument = _node(condition)
    if operator in GROUPS:
        if not isinstance(argument, list):
            raise ValidationError(_("“%(operator)s” needs a list.") % {"operator": operator})
        for child in argument:
            condition_validate(child, facts=facts)
        return
    if operator == "not":
        condition_validate(argument, facts=facts)
        return
    if not isinstance(argument, list) or len(argument) != 2:
        raise ValidationError(
            _("“%(operator)s” needs a fact and a value: [fact, value].") % {"operator": operator}
        )
    fact_name, value = argument
    if fact_name not in facts:
        raise ValidationError(
            _("Unknown fact “%(fact)s”. Known facts: %(facts)s.")
            % {"fact": fact_name, "facts": ", ".join(sorted(facts))}
        )
    _check_value(operator, facts[fact_name], value)


def condition_holds(condition: Mapping, values: Mapping[str, object]) -> bool:
    """Evaluate a validated condition against fact values."""
    ((operator, argument),) = condition.items()
    if operator == "all":
        return all(condition_holds(child, values) for child in argument)
    if operator == "any":
        return any(condition_holds(child, values) for child in argument)
    if operator == "not":
        return not condition_holds(argument, values)
    fact_name, expected = argument
    actual = values.get(fact_name)
    if operator == "eq":
        return actual == expected
    if operator == "in":
        return actual in expected
    if actual is None:
        return False
    if operator == "gte":
        return actual >= expected
    return actual <= expected


def condition_facts(condition: Mapping) -> list[str]:
    """The facts a condition reads, in the order they appear (for "why this step")."""
    ((operator, argument),) = condition.items()
    if operator in GROUPS:
        names: list[str] = []
        for child in argument:
            names += [name for name in condition_facts(child) if name not in names]
        return names
    if operator == "not":
        return condition_facts(argument)
    return [argument[0]]
