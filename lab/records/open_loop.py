"""open.json and overload.json: what an open-loop run records (make bench-open, make overload)."""

from typing import ClassVar, Literal

from pydantic import Field

from lab.records.fault import DataCheck
from lab.records.parts import Machine, Part
from lab.records.run import SCHEMA_VERSION


class Percentiles(Part):
    """Latency in milliseconds; None where nothing was answered."""

    p50: float | None = None
    p95: float | None = None
    p99: float | None = None


class PhaseFigures(Part):
    """One phase of a fixed arrival rate: what was asked, what was sent, how it fared."""

    name: str
    offered_rps: float = Field(description="the arrival rate asked of k6")
    seconds: float
    achieved_rps: float = Field(description="iterations k6 started, over the phase's seconds")
    answers: int
    good: int = Field(description="right status and right content (as Locust's checks judge)")
    refused: int = Field(description="503 with Retry-After in the JSON error shape")
    errors: int = Field(description="anything else: a wrong answer, another status, a timeout")
    errors_by_answer: dict[str, int] = Field({}, description="errors by action and HTTP status (0: none came)")
    goodput_rps: float
    dropped: int = Field(description="iterations k6 could not start: no free virtual user (never sent)")
    late: int = Field(description="iterations that started more than the late limit after their intended time")
    open_ms: Percentiles = Field(description="from the intended send time: free of coordinated omission")
    served_ms: Percentiles = Field(description="k6's http_req_duration: from when the request actually left")
    refusal_ms: Percentiles = Field(description="refusals alone, from the intended send time")


class Second(Part):
    """One second of the run, by intended send time: answers by outcome and their p99."""

    t: int = Field(description="seconds since the first phase began")
    good: int
    refused: int
    errors: int
    p99_ms: float | None


class Verdict(Part):
    """One overload target: what it asks, what was measured, whether it was met."""

    name: str
    target: str
    measured: str
    passed: bool


class OpenLoopRecord(Part):
    """One open-loop run: results/<label>/open/open.json (a staircase) or results/<label>/overload/overload.json."""

    RERUN: ClassVar[str] = "make bench-open ARCH=<arch> or make overload ARCH=<arch>"

    version: Literal[1] = Field(SCHEMA_VERSION, description="the schema version")
    kind: Literal["staircase", "overload"]
    architecture: str
    label: str
    database: str | None
    git_commit: str
    git_dirty: bool
    date: str
    machine: Machine
    python: str
    packages: dict[str, str]
    capacity_rps: float = Field(description="the closed loop's knee: the saturation run's most throughput")
    capacity_from: str = Field(description="the saturation run it was read from")
    admission_queue: int | None = Field(None, description="ADMISSION_QUEUE given to every server (overload)")
    settings: dict[str, str] = Field(description="the lab's settings this run used, by variable")
    phases: list[PhaseFigures]
    seconds: list[Second]
    verdicts: list[Verdict] = []
    data_check: DataCheck | None = None
    notes: list[str] = []
