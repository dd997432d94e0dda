"""Parts the records share: their base and the machine, and what only some bench runs have."""

from pydantic import BaseModel, ConfigDict, Field


class Part(BaseModel):
    """A part of a run record: no field the schema does not name, so a misspelt one fails where it is written."""

    model_config = ConfigDict(extra="forbid")


class Machine(Part):
    """Where a run was measured (lab/load/machine.py)."""

    cpu_model: str
    cores: int
    memory_gib: float
    os: str


class StaleCounts(Part):
    reads: int
    went_back_up: int
    own_write_not_seen: int


class StaleReads(Part):
    """Reads the shoppers checked and the stale ones among them (lab/load/stale_reads.py)."""

    reads_checked: int
    stale: int
    stale_per_1000_reads: float | None
    by_endpoint: dict[str, StaleCounts]
    series: list[tuple[int, int, int]] = Field(description="[second, reads checked, stale]")


class Lag(Part):
    median: float | None
    max: float | None


class Replication(Part):
    """The replicas, their lag over the window, each server's share of the work, and where reads went."""

    replicas: int
    lag_series: list[tuple[float, str, float, int]] = Field(description="[time, replica, ms behind, bytes behind]")
    lag_ms: Lag
    lag_bytes_max: int | None
    work: dict[str, dict[str, int]]
    reads: str
    max_staleness_ms: float


class Scaling(Part):
    """One configuration of make bench-scaling: n workers in one instance (up) or n instances (out)."""

    component: str
    mode: str
    n: int
    instances: int
    workers: int
