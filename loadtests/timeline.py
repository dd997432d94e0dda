"""Fault-experiment plumbing beside the locustfile: each request's outcome per second, and the orders answered 201."""

import json
import time
from collections import Counter, defaultdict
from pathlib import Path

from locust import events

try:
    from loadtests.every_second import every_second
    from loadtests.settings import SETTINGS
except ImportError:  # `locust -f` run from outside the project root: the file's own folder is on sys.path
    from every_second import every_second
    from settings import SETTINGS

try:
    from loadtests.sites import site_of
except ImportError:  # run with `locust -f` from outside the project: this file's own folder is on sys.path
    from sites import site_of

TIMELINE = SETTINGS.timeline
# second (epoch, by when the request was sent) -> "METHOD name" -> [succeeded, failed]
per_second: dict[int, dict[str, list[int]]] = defaultdict(lambda: defaultdict(lambda: [0, 0]))
reasons: dict[str, Counter] = defaultdict(Counter)
confirmed_orders: list[int] = []


@events.request.add_listener
def _record(request_type, name, response, exception, start_time=None, url=None, **_kwargs) -> None:
    site = site_of(url)  # where shoppers roam between sites (the CAP experiment), each site counts apart
    key = f"{request_type} {name}" + (f" @{site}" if site else "")
    second = int(start_time or time.time())
    per_second[second][key][1 if exception else 0] += 1
    if exception:
        reasons[key][str(exception)[:120]] += 1
    if key.startswith("POST /api/orders") and response is not None and response.status_code == 201:
        try:  # every 201 counts, even one whose content the shopper found wrong: the server promised an order
            confirmed_orders.append(int(response.json()["id"]))
        except (ValueError, KeyError, TypeError):
            reasons[key]["a 201 without an order id"] += 1


def _write() -> None:
    timeline = {
        "seconds": {str(second): dict(keys) for second, keys in sorted(per_second.items())},
        "failure_reasons": {key: dict(counts.most_common(5)) for key, counts in reasons.items()},
        "confirmed_orders": confirmed_orders,
    }
    written = Path(f"{TIMELINE}.tmp")
    written.write_text(json.dumps(timeline))
    written.replace(TIMELINE)  # whole or not at all: the experiment reads it while the load runs


@events.test_start.add_listener
def _start_writing(environment, **_kwargs) -> None:
    if TIMELINE:  # the experiment watches it to see when service has recovered
        every_second(_write)


@events.quitting.add_listener
def _write_at_the_end(environment, **_kwargs) -> None:
    if TIMELINE:
        _write()
