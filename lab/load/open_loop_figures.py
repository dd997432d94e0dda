"""The open loop's numbers from its samples: per phase (rates, percentiles, dropped, late) and per second."""

import math
from collections import Counter, defaultdict

import numpy

from lab.load.open_loop_phases import Phase
from lab.load.open_loop_samples import Answer, Samples
from lab.records.open_loop import Percentiles, PhaseFigures, Second


def percentiles(values: list[float]) -> Percentiles:
    """p50, p95 and p99 (linear interpolation between samples), rounded to 0.1 ms; None for no values."""
    if not values:
        return Percentiles()
    p50, p95, p99 = numpy.percentile(values, [50, 95, 99])
    return Percentiles(p50=round(float(p50), 1), p95=round(float(p95), 1), p99=round(float(p99), 1))


def _count(answers: list[Answer], outcome: str) -> int:
    return sum(1 for answer in answers if answer.outcome == outcome)


def by_phase(samples: Samples, phases: list[Phase]) -> list[PhaseFigures]:
    """Each phase's figures: offered against achieved rate, outcomes, and latency from the intended time."""
    grouped: dict[int, list[Answer]] = defaultdict(list)
    for answer in samples.answers:
        grouped[answer.phase].append(answer)
    figures = []
    for index, phase in enumerate(phases):
        answers = grouped.get(index, [])
        good = _count(answers, "good")
        figures.append(
            PhaseFigures(
                name=phase.name,
                offered_rps=phase.rate,
                seconds=phase.seconds,
                achieved_rps=round(len(answers) / phase.seconds, 2),
                answers=len(answers),
                good=good,
                refused=_count(answers, "refused"),
                errors=_count(answers, "error"),
                errors_by_answer=dict(Counter(f"{a.action} {a.status}" for a in answers if a.outcome == "error")),
                goodput_rps=round(good / phase.seconds, 2),
                dropped=samples.dropped.get(index, 0),
                late=samples.late.get(index, 0),
                open_ms=percentiles([answer.open_ms for answer in answers]),
                served_ms=percentiles(samples.served_ms.get(index, [])),
                refusal_ms=percentiles([answer.open_ms for answer in answers if answer.outcome == "refused"]),
            )
        )
    return figures


def by_second(answers: list[Answer]) -> list[Second]:
    """Every second from the first intended send to the last, each answer in the second it was meant to leave."""
    if not answers:
        return []
    began = min(answer.intended_s for answer in answers)
    grouped: dict[int, list[Answer]] = defaultdict(list)
    for answer in answers:
        grouped[math.floor(answer.intended_s - began)].append(answer)
    return [
        Second(
            t=t,
            good=_count(grouped[t], "good"),
            refused=_count(grouped[t], "refused"),
            errors=_count(grouped[t], "error"),
            p99_ms=percentiles([answer.open_ms for answer in grouped[t]]).p99,
        )
        for t in range(max(grouped) + 1)
    ]
