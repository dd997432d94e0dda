"""Is a started architecture ready: its servers healthy, its own readiness met, and what it says at start."""

import json
import urllib.request

from topology import Readiness, StatusLines


def healthy(url: str) -> bool:
    """Whether a health check answers 200 now."""
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.status == 200
    except OSError:
        return False


def listing(base_url: str, path: str) -> list[dict]:
    """The items an edge path lists as JSON (a registry, say)."""
    with urllib.request.urlopen(f"{base_url}{path}", timeout=5) as answer:
        return json.load(answer)["items"]


def settled(base_url: str, readiness: Readiness) -> bool:
    """Whether the edge lists every value the readiness expects."""
    return set(readiness.expected) <= {item[readiness.field] for item in listing(base_url, readiness.path)}


def status_lines(base_url: str, status: StatusLines | None) -> list[str]:
    """What the architecture says is worth showing at start, e.g. the bus's registry."""
    if status is None:
        return []
    lines = []
    for item in listing(base_url, status.path):
        values = {key: ", ".join(value) if isinstance(value, list) else value for key, value in item.items()}
        lines.append(f"{status.title:<12} {status.line.format(**values)}")
    return lines + ([status.footer.format(edge=base_url)] if status.footer else [])
