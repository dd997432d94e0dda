"""run.json: what one measured bench run records. lab/bench/measure.py writes it, the report reads it."""

from typing import ClassVar, Literal

from pydantic import Field

from lab.records.cluster import Cluster, MachineUse
from lab.records.parts import Machine, Part, Replication, Scaling, StaleReads

SCHEMA_VERSION = 1


class Latency(Part):
    """Response times in milliseconds, Locust's buckets (see the run's notes); None where nothing completed."""

    mean: float | None = None
    p50: float | None = None
    p95: float | None = None
    p99: float | None = None
    max: float | None = None


class Figures(Part):
    """Requests of the measured window and how they fared."""

    requests: int
    failures: int
    failure_ratio: float
    throughput_rps: float
    latency_ms: Latency


class Endpoint(Figures):
    method: str
    name: str = Field(description="Locust's name for the endpoint, ids replaced by [id]")


class Profile(Part):
    """The load profile as it ran (loadtests/profiles.py)."""

    name: str
    users: int
    spawn_rate: float
    warmup_s: int
    duration_s: int
    description: str
    shape: str | None = None
    steps: list[int] = []
    p95_limit_ms: float | None = Field(None, description="a step load's own saturation limit, where it has one")
    run_time_s: int


class Window(Part):
    """The measured window, in epoch seconds."""

    start: float
    end: float
    seconds: float


class ThroughputPoint(Part):
    t: int
    users: int
    rps: float


class LoadGenerator(Part):
    """How busy Locust was: past a share of a core, its numbers understate the server."""

    processes: int
    cpu_share_of_one_core: float
    busiest_share_of_one_core: float
    saturated: bool


class InternalRequests(Part):
    served: dict[str, int]
    per_edge_request: float


class Check(Part):
    """An after-load check (e.g. the consistency check): its command, verdict and output."""

    command: str
    passed: bool
    output: str


class Step(Part):
    """One step of a saturation run."""

    users: int
    seconds: float
    requests: int
    failures: int
    failure_ratio: float
    throughput_rps: float
    latency_ms: Latency
    cpu_seconds: dict[str, float]
    cpu_ms_per_request: dict[str, float | None]
    machine_busy_cores: float | None = None
    reference_work_ms: float | None = None
    stop_reason: str | None = Field(None, description="why this step counts as saturated; None while it kept up")
    machines: dict[str, MachineUse] | None = Field(None, description="on machines of their own: each one's counters")


def capacity_step(steps: list[Step]) -> Step | None:
    """The step with the most throughput: what the architecture served at most on this machine, its knee."""
    return max(steps, key=lambda step: step.throughput_rps, default=None)


class RunRecord(Part):
    """One measured run: results/<label>/<profile>/run.json."""

    RERUN: ClassVar[str] = "its bench (make bench-<arch>, or the command that made it)"

    version: Literal[1] = Field(SCHEMA_VERSION, description="the schema version; a new one comes with a migration")
    architecture: str
    label: str = Field(description="the architecture, with the database or replicas where not the default")
    database: str | None
    profile: Profile
    git_commit: str
    git_dirty: bool
    date: str = Field(description="when the run ended, ISO 8601 in UTC")
    machine: Machine
    python: str
    packages: dict[str, str]
    window: Window
    totals: Figures
    endpoints: list[Endpoint]
    throughput_series: list[ThroughputPoint]
    cpu_seconds: dict[str, float] = Field(description="CPU seconds of each process tree in the window")
    cpu_ms_per_request: dict[str, float | None]
    peak_rss_mb: dict[str, float]
    restarted_processes: dict[str, int] | None = Field(None, description="None in runs from before it was recorded")
    load_generator: LoadGenerator
    internal_requests: InternalRequests | None = None
    checks: list[Check] = []
    notes: list[str] = []
    idle_cpu_share: dict[str, float] = Field({}, description="cores each process keeps busy with no load")
    reference_work_ms: float | None = Field(None, description="the machine's speed (lab/load/reference_work.py)")
    stale_reads: StaleReads | None = None
    replication: Replication | None = None
    steps: list[Step] | None = Field(None, description="a saturation run's steps")
    repeat: int = Field(1, description="which repetition (REPEAT=N) of the profile")
    demo: bool = Field(False, description="a make demo run: short windows")
    scaling: Scaling | None = Field(None, description="a make bench-scaling run's configuration")
    cluster: Cluster | None = Field(None, description="a make bench-cluster run's machines and balancer")
