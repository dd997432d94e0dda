"""The open loop's plan: phases of a fixed arrival rate, back to back, and when each request is meant to leave."""

import json
import re
from dataclasses import dataclass

from lab.i18n import N_, _, number

# A phase's name, kept in English (k6's scenarios and the records use it); shown() says it in the reader's language.
KNEE = N_("{share}x knee")
SPIKE = {
    "before": N_("before: {share}x capacity"),
    "spike": N_("spike: {share}x capacity"),
    "after": N_("after: {share}x capacity"),
}
NAMED = re.compile(r"^(?:(?P<when>before|spike|after): (?P<share>[0-9.]+)x capacity|(?P<knee>[0-9.]+)x knee)$")


@dataclass(frozen=True)
class Phase:
    """One constant-arrival-rate scenario of k6: `rate` requests a second for `seconds`."""

    name: str
    rate: int
    seconds: int


def shown(name: str) -> str:
    """A phase's name in the language spoken now (0,8x codo); a name of another form as it is."""
    match = NAMED.match(name)
    if match is None:
        return name
    share = match["knee"] or match["share"]
    decimals = len(share.partition(".")[2])
    template = KNEE if match["knee"] else SPIKE[match["when"]]
    return _(template).format(share=number(float(share), decimals))


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
    return [Phase(KNEE.format(share=f"{share:g}"), max(1, round(share * knee_rps)), step_s) for share in shares]


def spike(capacity_rps: float, steady: float, peak: float, before_s: int, peak_s: int, after_s: int) -> list[Phase]:
    """The overload run: steady at a share of capacity, a spike at a multiple of it, then steady again."""
    calm, high = max(1, round(steady * capacity_rps)), max(1, round(peak * capacity_rps))
    return [
        Phase(SPIKE["before"].format(share=f"{steady:g}"), calm, before_s),
        Phase(SPIKE["spike"].format(share=f"{peak:g}"), high, peak_s),
        Phase(SPIKE["after"].format(share=f"{steady:g}"), calm, after_s),
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
