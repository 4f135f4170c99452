"""Assembly as a pure function: which steps apply, and in what order.

Kept free of the database so that its properties (deterministic; an item never before
its dependency; no item whose condition is false) can be tested on generated data.
"""

from __future__ import annotations

import heapq
import logging
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from .conditions import condition_holds

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Candidate:
    key: str
    phase: str
    due_offset_days: int | None  # None: no fixed date
    condition: Mapping
    depends_on: tuple[str, ...] = ()
    layer_rank: int = 0  # the kind's base layer is 0; a higher layer replaces a key


class DependencyCycle(ValueError):
    def __init__(self, cycle: list[str]) -> None:
        self.cycle = cycle
        super().__init__(" → ".join(cycle))


def find_cycle(edges: Mapping[str, Iterable[str]]) -> list[str] | None:
    """A dependency cycle as a path ``[a, b, ..., a]``, or None."""
    state: dict[str, int] = {}  # 1 visiting, 2 done
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for nxt in sorted(edges.get(node, ())):
            if state.get(nxt) == 1:
                return [*path[path.index(nxt) :], nxt]
            if nxt not in state and (found := visit(nxt)):
                return found
        path.pop()
        state[node] = 2
        return None

    for node in sorted(edges):
        if node not in state and (found := visit(node)):
            return found
    return None


def by_key(candidates: Iterable[Candidate]) -> dict[str, Candidate]:
    """One candidate per key: a higher layer's step replaces a lower one's."""
    chosen: dict[str, Candidate] = {}
    for candidate in sorted(candidates, key=lambda c: (c.layer_rank, c.key)):
        chosen[candidate.key] = candidate
    return chosen


def assemble(
    candidates: Iterable[Candidate], values: Mapping[str, object], *, phase_order: Sequence[str]
) -> list[Candidate]:
    """Keep the candidates whose condition holds and order them.

    Dependencies on steps that do not apply are dropped (a bank account depends on the
    personnummer *or* the coordination number, whichever applies). Among steps that are
    free to go next, the earlier phase, then the earlier due offset, then the key wins.

    Never raises: the admin refuses content that would close a cycle, but should one
    reach here anyway, the dependency that closes it is dropped and logged, so that a
    person still sees their steps rather than an error.
    """
    chosen = {
        key: c for key, c in by_key(candidates).items() if condition_holds(c.condition, values)
    }
    edges = {
        key: {d for d in c.depends_on if d in chosen and d != key} for key, c in chosen.items()
    }
    while cycle := find_cycle(edges):
        edges[cycle[-2]].discard(cycle[-1])
        logger.error("Checklist dependency cycle %s: dropped %s → %s", cycle, *cycle[-2:])
    kept = {
        key: Candidate(
            key=c.key,
            phase=c.phase,
            due_offset_days=c.due_offset_days,
            condition=c.condition,
            depends_on=tuple(sorted(edges[key])),
            layer_rank=c.layer_rank,
        )
        for key, c in chosen.items()
    }

    def rank(c: Candidate) -> tuple:
        undated = c.due_offset_days is None  # within a phase, dated steps come first
        phase = phase_order.index(c.phase) if c.phase in phase_order else len(phase_order)
        return (phase, undated, c.due_offset_days or 0, c.key)

    waiting = {key: set(c.depends_on) for key, c in kept.items()}
    dependents: dict[str, list[str]] = {key: [] for key in kept}
    for key, c in kept.items():
        for dependency in c.depends_on:
            dependents[dependency].append(key)
    ready = [(rank(kept[key]), key) for key, deps in waiting.items() if not deps]
    heapq.heapify(ready)
    ordered: list[Candidate] = []
    while ready:
        _rank, key = heapq.heappop(ready)
        ordered.append(kept[key])
        for dependent in dependents[key]:
            waiting[dependent].discard(key)
            if not waiting[dependent]:
                heapq.heappush(ready, (rank(kept[dependent]), dependent))
    return ordered
