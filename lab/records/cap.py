"""results/cap/<architecture>/<mode>/run.json: one CAP run (lab/cap/experiment.py writes it)."""

from typing import ClassVar, Literal

from pydantic import Field

from lab.records.fault import DataCheck
from lab.records.parts import Part


class CapTiming(Part):
    """Seconds of each phase (lab/cap/experiment.py CapTiming)."""

    warm_s: float
    before_s: float
    partition_s: float
    after_s: float
    converge_limit_s: float


class CapPhases(Part):
    """Epoch seconds: the link cut, joined again, and the replica caught up (None if it did not in time)."""

    partition_at: float
    heal_at: float
    converged_at: float | None


class SiteStaleReads(Part):
    by_site: dict[str, dict[str, tuple[int, int]]] = Field(description="site -> phase -> [reads checked, stale]")
    series: list[tuple[int, str, int]] = Field(description="[second, site, stale reads]")


class LagDuringPartition(Part):
    max_ms: float | None
    max_bytes: int | None


class CapRecord(Part):
    """Two sites, a partition between them, and what each site kept serving in one read mode."""

    RERUN: ClassVar[str] = "make cap-<arch>"

    version: Literal[1] = Field(1, description="the schema version; a new one comes with a migration")
    architecture: str
    mode: str = Field(description="CP: site B reads the primary; AP: its replica")
    users: int
    site_b_reads: str
    phases: CapPhases
    availability: dict[str, dict[str, dict[str, float | None]]] = Field(
        description="site -> phase (before, partition, after) -> activity -> share of requests that succeeded"
    )
    stale_reads: SiteStaleReads
    lag_series: list[tuple[float, float, int]] = Field(description="[time, ms behind, bytes behind]")
    lag_during_partition: LagDuringPartition
    replication_cut: bool = Field(description="whether the replica fell behind during the partition")
    converge_s: float | None = Field(description="seconds from the heal until the replica caught up")
    failure_reasons: dict[str, dict[str, int]]
    data_check: DataCheck
    timing: CapTiming
