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
