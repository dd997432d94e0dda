"""Fault-experiment plumbing beside the locustfile: each request's outcome per second, and the orders answered 201."""

import json
import os
import time
from collections import Counter, defaultdict
from pathlib import Path

from locust import events

TIMELINE = os.environ.get("LAB_TIMELINE")
# second (epoch, by when the request was sent) -> "METHOD name" -> [succeeded, failed]
per_second: dict[int, dict[str, list[int]]] = defaultdict(lambda: defaultdict(lambda: [0, 0]))
reasons: dict[str, Counter] = defaultdict(Counter)
confirmed_orders: list[int] = []


@events.request.add_listener
def _record(request_type, name, response, exception, start_time=None, **_kwargs) -> None:
    key = f"{request_type} {name}"
    second = int(start_time or time.time())
    per_second[second][key][1 if exception else 0] += 1
    if exception:
        reasons[key][str(exception)[:120]] += 1
    if key == "POST /api/orders" and response is not None and response.status_code == 201:
        try:  # every 201 counts, even one whose content the shopper found wrong: the server promised an order
            confirmed_orders.append(int(response.json()["id"]))
        except (ValueError, KeyError, TypeError):
            reasons[key]["a 201 without an order id"] += 1


@events.quitting.add_listener
def _write(environment, **_kwargs) -> None:
    if TIMELINE:
        timeline = {
            "seconds": {str(second): dict(keys) for second, keys in sorted(per_second.items())},
            "failure_reasons": {key: dict(counts.most_common(5)) for key, counts in reasons.items()},
            "confirmed_orders": confirmed_orders,
        }
        Path(TIMELINE).write_text(json.dumps(timeline))
