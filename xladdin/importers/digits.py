"""Recovering table cells whose boundaries were lost in a copy ("21710000218" = 217, 1, 0, 0, 0, 0, 218).

A digit string can be cut into N numbers in many ways; the table's own arithmetic (six applicants add
up to 总计, four results add up to 总计) usually leaves one. Only a unique reading is ever accepted.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence

MAX_READINGS = 200_000  # beyond this many cuts the row is reported as ambiguous, not searched


def _cuts(digits: str, parts: int) -> Iterator[list[int]]:
    """Every way to cut ``digits`` into ``parts`` numbers without leading zeros ("0" itself is fine)."""
    if parts == 1:
        if digits and (digits == "0" or digits[0] != "0"):
            yield [int(digits)]
        return
    if not digits:
        return
    if digits[0] == "0":  # a zero can only stand alone
        for rest in _cuts(digits[1:], parts - 1):
            yield [0, *rest]
        return
    for i in range(1, len(digits) - parts + 2):
        head = int(digits[:i])
        for rest in _cuts(digits[i:], parts - 1):
            yield [head, *rest]


def _count_ways(lengths: Sequence[int], parts: int) -> int:
    """How many ways to give ``parts`` numbers to tokens of these lengths (an upper bound on readings)."""
    ways = [1] + [0] * parts
    for n in lengths:
        new = [0] * (parts + 1)
        for used, w in enumerate(ways):
            if w:
                for k in range(1, min(n, parts - used) + 1):
                    new[used + k] += w
        ways = new
    return ways[parts]


def readings(tokens: Sequence[str], parts: int, check: Callable[[list[int]], bool] | None = None, limit: int = 3) -> tuple[list[list[int]], bool]:
    """Readings of ``tokens`` (each a digit string) as ``parts`` integers that pass ``check``.

    Returns (up to ``limit`` + 1 readings, searched): ``searched`` is False when there were too many
    possible cuts to try, in which case the caller must treat the row as ambiguous.
    """
    if not tokens or any(not t.isdigit() for t in tokens):
        return [], True
    lengths = [len(t) for t in tokens]
    if sum(lengths) < parts or len(tokens) > parts:
        return [], True
    if _count_ways(lengths, parts) > MAX_READINGS:
        return [], False
    found: list[list[int]] = []

    def walk(i: int, left: int, acc: list[int]) -> bool:
        if i == len(tokens):
            if left == 0 and (check is None or check(acc)):
                found.append(list(acc))
                return len(found) > limit
            return False
        remaining = len(tokens) - i - 1
        for k in range(1, left - remaining + 1):
            for cut in _cuts(tokens[i], k):
                if walk(i + 1, left - k, acc + cut):
                    return True
        return False

    walk(0, parts, [])
    return found, True


def sums_to_last(group: int) -> Callable[[list[int]], bool]:
    """A check: in every run of ``group`` numbers, the last equals the sum of the others."""

    def check(values: list[int]) -> bool:
        return all(sum(values[i : i + group - 1]) == values[i + group - 1] for i in range(0, len(values), group))

    return check
