"""k6's raw samples (its CSV output, gzipped) read back: one answer per iteration, and what k6 counted beside."""

import csv
import gzip
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import parse_qsl

PHASE_PREFIX = "phase_"  # the k6 script names its scenarios phase_000, phase_001...


@dataclass(frozen=True)
class Answer:
    """One iteration: when it was meant to leave and when its answer came (epoch s), and how it fared."""

    phase: int
    intended_s: float
    done_s: float
    outcome: str  # good, refused or error
    action: str
    status: str = ""  # the HTTP status, 0 where none came (a timeout, a refused connection)

    @property
    def open_ms(self) -> float:
        """Latency from the intended send time: what a shopper who arrived then waited."""
        return 1000 * (self.done_s - self.intended_s)


@dataclass
class Samples:
    """Every answer, k6's own request durations per phase, and its dropped and late iterations per phase."""

    answers: list[Answer] = field(default_factory=list)
    served_ms: dict[int, list[float]] = field(default_factory=dict)
    dropped: Counter = field(default_factory=Counter)
    late: Counter = field(default_factory=Counter)
    orders: list[int] = field(default_factory=list)


def _phase(scenario: str) -> int | None:
    return int(scenario.removeprefix(PHASE_PREFIX)) if scenario.startswith(PHASE_PREFIX) else None


def read(path: Path) -> Samples:
    """The samples of one k6 run (K6_CSV_TIME_FORMAT=unix_milli); setup()'s requests, outside any phase, left out."""
    found = Samples()
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", newline="") as file:
        for row in csv.DictReader(file):
            phase = _phase(row.get("scenario") or "")
            if phase is None:
                continue
            metric, at, value = row["metric_name"], int(row["timestamp"]) / 1000, float(row["metric_value"])
            if metric == "open_ms":
                tags = dict(parse_qsl(row.get("extra_tags") or ""))
                outcome, action, status = tags.get("outcome", "error"), tags.get("action", ""), tags.get("answer", "")
                answer = Answer(phase, at - value / 1000, at, outcome, action, status)
                found.answers.append(answer)
            elif metric == "http_req_duration":
                found.served_ms.setdefault(phase, []).append(value)
            elif metric == "dropped_iterations":
                found.dropped[phase] += int(value)
            elif metric == "late_starts":
                found.late[phase] += int(value)
            elif metric == "orders_placed":
                order = dict(parse_qsl(row.get("extra_tags") or "")).get("order_id", "")
                if order.isdigit():
                    found.orders.append(int(order))
    return found
