"""Small numbers are never published (decision 0011).

- A count below ``THRESHOLD`` is suppressed, zero included, and so is a share or a
  median resting on fewer than ``THRESHOLD`` people or organisations.
- A published total must not give a suppressed part away by subtraction: the region's
  total less its municipalities that are shown, or the nation's less its regions. So
  among the parts of one total, a lone suppressed part takes the smallest shown part
  with it; with two or more hidden, subtraction gives only their sum.
"""

from __future__ import annotations

THRESHOLD = 5


def hidden(counts: dict[str, int]) -> set[str]:
    """Which parts of one total (``part → count``, every part, zeros included) are
    suppressed."""
    hide = {part for part, count in counts.items() if count < THRESHOLD}
    shown = sorted((count, part) for part, count in counts.items() if part not in hide)
    if len(hide) == 1 and shown:
        hide.add(shown[0][1])
    return hide


def hidden_cells(
    table: dict[tuple[str, str], int], rows_hidden: set[str], *, columns: bool
) -> set[tuple[str, str]]:
    """Which cells of a table of counts (``(place, part) → count``) are suppressed, when
    each place's total is published (unless in ``rows_hidden``) and, with ``columns``,
    each part's total over the places too (the parent's figure for that part).

    The same rule as ``hidden``, along every row and every column in turn until nothing
    changes: no row or column is left with a lone suppressed cell that its total would
    give away. A place whose total is suppressed has every part suppressed."""
    hide = {cell for cell, count in table.items() if count < THRESHOLD or cell[0] in rows_hidden}
    lines: dict[tuple[str, str], list[tuple[str, str]]] = {}
    for cell in table:
        lines.setdefault(("row", cell[0]), []).append(cell)
        if columns:
            lines.setdefault(("column", cell[1]), []).append(cell)
    changed = True
    while changed:
        changed = False
        for cells in lines.values():
            shown = sorted((table[cell], cell) for cell in cells if cell not in hide)
            if len(cells) - len(shown) == 1 and shown:
                hide.add(shown[0][1])
                changed = True
    return hide
