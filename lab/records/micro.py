"""results/micro/micro.json: the micro-bench (lab/bench/micro/run.py writes it as it grows)."""

from typing import ClassVar, Literal

from pydantic import Field

from lab.records.parts import Machine, Part


class MicroLoad(Part):
    tool: str
    threads: int
    connections: int
    seconds: float
    warm_up_s: float
    rounds: int


class Measurement(Part):
    """One endpoint of one target driven flat out by wrk in one round; latencies in microseconds."""

    target: str
    endpoint: str
    round: int
    settled: bool | None = Field(None, description="whether the servers were quiet before; None in older runs")
    requests: int
    duration_us: int
    socket_errors: int
    non_2xx: int
    wrong: int = Field(description="answers with the right status and the wrong content")
    wrong_example: str | None = None
    p50_us: int
    p90_us: int
    p99_us: int
    mean_us: float
    rps: float
    cpu_ms: dict[str, float] = Field(description="server CPU ms per request, by process")
    wrk_cpu_ms: float
    edge_split: list[int] | None = Field(None, description="wrk's connections per worker; None in older runs")
    wrk_starts: int | None = None


class ProofCost(Part):
    """The signed proof every internal call carries (bookstore/internal_proof.py), priced in process: µs per
    operation, the median of `repeats` runs of `operations`; cold misses the caches, warm hits them."""

    operations: int
    repeats: int
    sign_cold_us: float
    verify_cold_us: float
    sign_warm_us: float
    verify_warm_us: float


class MicroRecord(Part):
    """Every target's endpoints, measured in alternating rounds."""

    RERUN: ClassVar[str] = "make bench-micro"

    version: Literal[1] = Field(1, description="the schema version; a new one comes with a migration")
    git_commit: str
    git_dirty: bool
    date: str
    machine: Machine
    python: str
    packages: dict[str, str]
    load: MicroLoad
    measurements: list[Measurement]
    proof: ProofCost | None = Field(None, description="what signing and checking the proof costs; None in older runs")
