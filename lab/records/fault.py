"""results/chaos/<label>/<part>/run.json: one fault experiment (lab/chaos/experiment.py writes it)."""

from typing import ClassVar, Literal

from pydantic import Field

from lab.records.parts import Part


class FaultTiming(Part):
    """Seconds of each phase (lab/chaos/experiment.py Timing)."""

    warm_s: float
    before_s: float
    down_s: float
    after_s: float
    recovery_limit_s: float


class FaultPhases(Part):
    """Epoch seconds: stop asked, stopped, start asked, ready again."""

    stopped_at: float
    down_at: float
    restarted_at: float
    ready_at: float


class ArchitectureCheck(Part):
    command: str
    passed: bool


class DataCheck(Part):
    """Every order answered 201 confirmed and shipped, every book's stock its seed minus what was sold."""

    passed: bool
    problems: list[str] = Field(description="the first 50")
    problem_count: int
    orders_answered_201: int
    orders_by_status: dict[str, int]
    architecture_checks: list[ArchitectureCheck]
    consistent_after_s: float | None = Field(description="seconds until the data was consistent; None if never")


class FaultRecord(Part):
    """One component stopped under load and started again: what kept working, the recovery, the data check."""

    RERUN: ClassVar[str] = "make chaos-<arch>"

    version: Literal[1] = Field(1, description="the schema version; a new one comes with a migration")
    architecture: str = Field(description="the architecture's label")
    part: str = Field(description="the component stopped")
    users: int
    timing: FaultTiming
    phases: FaultPhases
    started_at: float
    succeeded_before: float | None = Field(description="shares of requests that succeeded; None without any")
    succeeded_while_stopping: float | None
    succeeded_while_down: float | None
    succeeded_after: float | None
    while_down_by_activity: dict[str, float | None]
    recovery_s: float | None = Field(description="from the restart to service as usual; None if not by the end")
    succeeded_after_recovery: float | None
    failure_reasons: dict[str, dict[str, int]] = Field(description="endpoint -> reason -> count, the 5 commonest")
    data_check: DataCheck
