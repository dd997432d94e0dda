"""Stale reads, observed: what a shopper reads is checked against what it already knows, by endpoint and second.

A shopper knows the most stock a book can now have: no more than it last read, less what it bought since.
Other shoppers' orders only take stock away, so reading more than that is a stale read: a replica that has
not yet replayed a change the shopper already saw (stock went back up), or its own order (not seen yet).
An order that failed and gave its stock back is the one honest exception; it is rare, and counted alike.
These are not failures of the server: they are the measured price of reading from replicas.
"""

import json
import os
import time
from collections import defaultdict
from pathlib import Path

from locust import events

try:
    from loadtests.every_second import every_second
    from loadtests.settings import SETTINGS
except ImportError:  # `locust -f` run from outside the project root: the file's own folder is on sys.path
    from every_second import every_second
    from settings import SETTINGS

FOLDER = SETTINGS.staleness_dir
# second (epoch) -> "METHOD name" -> [reads checked, stale: went back up, stale: own order not seen]
per_second: dict[int, dict[str, list[int]]] = defaultdict(lambda: defaultdict(lambda: [0, 0, 0]))


class StockMemory:
    """One shopper's knowledge of stock: book id -> the most it can now be, and what it bought since reading."""

    def __init__(self):
        self.most: dict[int, int] = {}
        self.bought: dict[int, int] = {}

    def read(self, endpoint: str, book_id: int, stock: int) -> None:
        """Check one stock figure the shopper just read; remember it unless it was stale."""
        counts = per_second[int(time.time())][endpoint]
        counts[0] += 1
        known = self.most.get(book_id)
        if known is not None and stock > known:
            counts[2 if stock <= known + self.bought.get(book_id, 0) else 1] += 1
            return
        self.most[book_id], self.bought[book_id] = stock, 0

    def order_placed(self, lines: list[tuple[int, int]]) -> None:
        """The shopper's own confirmed order took stock: every later read must show it."""
        for book_id, quantity in lines:
            if book_id in self.most:
                self.most[book_id] -= quantity
                self.bought[book_id] = self.bought.get(book_id, 0) + quantity


def order_read_back(endpoint: str, seen: bool) -> None:
    """A buyer read back an order it had just placed: read-your-writes held when it was there."""
    counts = per_second[int(time.time())][endpoint]
    counts[0] += 1
    counts[2] += 0 if seen else 1


def totals() -> dict[str, list[int]]:
    """Per endpoint, [reads checked, went back up, own write not seen] over the whole run."""
    summed: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    for endpoints in per_second.values():
        for endpoint, counts in endpoints.items():
            summed[endpoint] = [a + b for a, b in zip(summed[endpoint], counts, strict=True)]
    return dict(summed)


def _write() -> None:
    written = {"seconds": {str(s): dict(e) for s, e in sorted(per_second.items())}, "totals": totals()}
    path = Path(FOLDER, f"staleness-{os.getpid()}.json")
    path.with_suffix(".tmp").write_text(json.dumps(written))
    path.with_suffix(".tmp").replace(path)  # whole or not at all: the lab may read it while the load runs


@events.test_start.add_listener
def _start_writing(environment, **_kwargs) -> None:
    if FOLDER:
        Path(FOLDER).mkdir(parents=True, exist_ok=True)
        every_second(_write)


@events.quitting.add_listener
def _write_at_the_end(environment, **_kwargs) -> None:
    if FOLDER:
        _write()
