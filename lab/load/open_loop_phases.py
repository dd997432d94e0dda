"""The open loop's plan: phases of a fixed arrival rate, back to back, and when each request is meant to leave."""

import json
from dataclasses import dataclass


@dataclass(frozen=True)
class Phase:
    """One constant-arrival-rate scenario of k6: `rate` requests a second for `seconds`."""

    name: str
    rate: int
    seconds: int


def starts(phases: list[Phase]) -> list[int]:
    """Each phase's start, in seconds after the first one's: the k6 scenarios' startTime."""
    offsets, at = [], 0
    for phase in phases:
        offsets.append(at)
        at += phase.seconds
    return offsets


def intended_send_ms(phase_start_ms: float, iteration: int, rate: int) -> float:
    """When iteration i of a phase is meant to leave: the phase's start plus i / rate. The k6 script computes
    the same from k6/execution (scenario.startTime, scenario.iterationInTest); latency counts from here."""
    return phase_start_ms + iteration * 1000 / rate


def staircase(knee_rps: float, shares: list[float], step_s: int) -> list[Phase]:
    """Phases at each share of the knee, light to heavy (e.g. 0.2x ... 1.5x), at least 1 request a second."""
    return [Phase(f"{share:g}x knee", max(1, round(share * knee_rps)), step_s) for share in shares]


def spike(capacity_rps: float, steady: float, peak: float, before_s: int, peak_s: int, after_s: int) -> list[Phase]:
    """The overload run: steady at a share of capacity, a spike at a multiple of it, then steady again."""
    calm, high = max(1, round(steady * capacity_rps)), max(1, round(peak * capacity_rps))
    return [
        Phase(f"before: {steady:g}x capacity", calm, before_s),
        Phase(f"spike: {peak:g}x capacity", high, peak_s),
        Phase(f"after: {steady:g}x capacity", calm, after_s),
    ]


def for_k6(phases: list[Phase]) -> str:
    """The PHASES variable the k6 script reads: [[rate, seconds], ...]."""
    return json.dumps([[phase.rate, phase.seconds] for phase in phases])


def shares(text: str) -> list[float]:
    """Shares of the knee from a setting such as "0.2,0.5,0.8,1.0,1.2,1.5"; ValueError for a bad one."""
    found = [float(part) for part in text.split(",") if part.strip()]
    if not found or min(found) <= 0:
        raise ValueError(f"must be positive numbers, comma-separated, not {text!r}")
    return found
