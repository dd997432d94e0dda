"""Every variable the lab reads, typed, with a default and help: the one module of the lab that reads the
environment. A command reads its settings once at start (a bad value is refused there, naming the variable)
and passes them on; the environment a child process inherits is a copy."""

import functools
import os
from pathlib import Path
from typing import Annotated, Literal

from pydantic import BeforeValidator, Field, TypeAdapter, ValidationError
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from topology import registry

_CHECKOUT = Path(__file__).resolve().parent.parent


def _number(kind: type, least: float, what: str):
    """A validator of a number of at least `least`, whose refusal says what it accepts."""

    def check(value):
        try:
            number = kind(value)
        except (TypeError, ValueError):
            number = None
        if number is None or number < least:
            raise ValueError(f"must be {what}, not {value!r}")
        return number

    return BeforeValidator(check)


def _switch(value):
    if isinstance(value, bool):
        return value
    if value not in ("0", "1"):  # as the servers read it: 1 is on, 0 is off
        raise ValueError(f"must be 1 (on) or 0 (off), not {value!r}")
    return value == "1"


def _architectures(value):
    """Comma-separated architecture names, each one the registry knows; none (the empty default) is every one."""
    if isinstance(value, tuple):
        return value
    names = tuple(name.strip() for name in str(value).split(",") if name.strip())
    for name in names:
        if name not in registry.names():
            raise ValueError(f"must name architectures among {', '.join(registry.names())}, not {name!r}")
    return names


Whole = Annotated[int, _number(int, 0, "a whole number")]
AtLeastOne = Annotated[int, _number(int, 1, "a whole number of at least 1")]
Seconds = Annotated[float, _number(float, 0, "a number of seconds")]
Switch = Annotated[bool, BeforeValidator(_switch)]
Architectures = Annotated[tuple[str, ...], NoDecode, BeforeValidator(_architectures)]


class _Settings(BaseSettings):
    """Variables named as their fields, in capitals; an empty one counts as unset, as `make VAR=` leaves it."""

    model_config = SettingsConfigDict(env_ignore_empty=True, case_sensitive=False, extra="ignore")


class LabSettings(_Settings):
    """What `python -m lab` reads from the environment."""

    db: str | None = Field(None, description="default: its own (SQLite for the monolith, else PostgreSQL)")
    profile: str | None = Field(None, description="one bench profile only (default: every one)")
    repeat: AtLeastOne = Field(1, description="run each profile N times")
    knee_rounds: AtLeastOne = Field(3, description="rounds of all four")
    component: str | None = Field(None, description="the one to stop (default: each in turn)")
    mode: Literal["CP", "AP"] | None = Field(None, description="one mode only (default: CP, then AP)")
    port: Whole = Field(8000, description="the edge's port")
    locust_web_port: Whole = Field(8089, description="Locust's web UI port (make ui-<arch>)")
    results_dir: Path = Field(_CHECKOUT / "results", description="where results and the report are kept")
    lab_runs_dir: Path = Field(_CHECKOUT / "var" / "run", description="one folder per start: data, logs, records")
    locust_workers: Whole | None = Field(None, description="Locust worker processes (0 for one process)")
    database_url: str | None = Field(None, description="your own PostgreSQL server, instead of an embedded one")
    database_replica_urls: str = Field("", description="your own server's replicas, comma-separated")
    pg_replicas: Whole = Field(0, description="hot standbys of the embedded PostgreSQL server")
    replicas_db_catalog: Whole | None = Field(None, description="the microservices' catalog's standbys")
    pg_log_statements: Switch = Field(False, description="log every SQL statement, tagged with its request")
    trace: Switch = Field(False, description="record every server's spans")
    otel_exporter_otlp_endpoint: str | None = Field(None, description="an OTLP/HTTP collector for traces too")
    otel_exporter_otlp_traces_endpoint: str | None = Field(None, description="the collector's traces URL as is")
    trace_visits: AtLeastOne = Field(20, description="scripted visits traced by make trace-<arch>")
    demo_architectures: Architectures = Field(
        (), description="make demo's architectures, comma-separated (default: every one)"
    )
    micro_rounds: AtLeastOne = Field(3, description="rounds of make bench-micro")
    micro_seconds: Seconds = Field(6, description="seconds of each wrk run in make bench-micro")
    micro_warmup: Seconds = Field(2, description="seconds of warm-up before each wrk run")
    slo_ms: Seconds = Field(200, description="the response-time objective of the capacity model, in ms")
    max_cores_one_machine: AtLeastOne = Field(64, description="the biggest machine a component may grow to")
    replica_cores: AtLeastOne = Field(8, description="cores of a database replica's machine")
    cap_books: AtLeastOne = Field(100, description="books seeded for the CAP experiment")
    scaling_profile: str | None = Field(
        None, description="make bench-scaling's load: a bench profile's (smoke to rehearse; default 1,500 shoppers)"
    )
    scaling_configurations: str = Field(
        "up-1,up-2,up-4,out-2,out-4",
        description="make bench-scaling's configurations, comma-separated (fewer to rehearse)",
    )
    chaos_seconds: AtLeastOne = Field(60, description="seconds of one fault's run (make chaos-<arch>), phases in scale")
    cap_seconds: AtLeastOne = Field(55, description="seconds of one CAP run's phases (make cap-<arch>), in scale")
    container_engine: str | None = Field(None, description="docker or podman (default: docker if it answers)")
    class_hold: Switch = Field(True, description="make class STEP=N keeps the demo's servers up until Ctrl-C")
    lab_lang: Literal["en", "es"] | None = Field(
        None, description="the report's, the class guide's and the worksheets' language (default: the system locale's)"
    )


class HopPairSettings(_Settings):
    """What the bench's hop-pair edge (lab/bench/floor/pair.py), a server the lab starts, reads."""

    pair_backend_url: str | None = Field(None, description="the hop pair's backend, set by its topology")


Cores = Annotated[float, _number(float, 0.01, "a number of cores of at least 0.01")]


class ClusterSettings(_Settings):
    """What make bench-cluster reads: the size of each machine (a cgroup with a CPU quota) and what is kept free."""

    machine_cpus: Cores = Field(0.08, description="the 1x machine of a scaled component, in cores")
    database_cpus: Cores = Field(0.15, description="the database server's machine, and each replica's")
    balancer_cpus: Cores = Field(0.2, description="HAProxy's machine")
    machine_sizes: str = Field("", description="sizes of some machines, e.g. postgres=0.4,application=0.1")
    loadgen_cpus: Cores = Field(0.4, description="cores kept free for Locust and the lab, outside every machine")
    cluster_steps: str = Field("20,40,60,90,130,180,250", description="users per step, times the 1x machines")
    cluster_p95_limit_ms: Seconds = Field(
        5000, description="p95 (ms) past which a step saturates: quotas throttle in bursts, so latency rises early"
    )
    cluster_configurations: str = Field(
        "up-1,up-2,up-4,out-2,out-4,out-8,out-4-r1,out-4-r2,out-8-r1,out-8-r2",
        description="what make bench-cluster runs, where it fits",
    )


Share = Annotated[float, _number(float, 0.01, "a number of at least 0.01")]


class OpenLoopSettings(_Settings):
    """What make bench-open and make overload read: the open loop's staircase, the spike, and the targets."""

    open_shares: str = Field("0.2,0.4,0.6,0.8,1.0,1.2,1.5", description="bench-open: each step's share of the knee")
    open_step_s: AtLeastOne = Field(20, description="bench-open: seconds of each step")
    open_max_vus: AtLeastOne = Field(1000, description="k6's virtual users a phase may grow to; past them it drops")
    open_timeout_s: Seconds = Field(10, description="seconds a request may take before it counts as an error")
    open_late_ms: Seconds = Field(10, description="an iteration this late after its intended time counts as late")
    open_pool: AtLeastOne = Field(20, description="seeded accounts k6 logs in first, for the buyers' orders")
    overload_steady: Share = Field(0.5, description="overload: the load before and after the spike, x capacity")
    overload_spike: Share = Field(3.0, description="overload: the spike, x capacity")
    overload_before_s: AtLeastOne = Field(30, description="overload: seconds before the spike")
    overload_spike_s: AtLeastOne = Field(30, description="overload: seconds of the spike")
    overload_after_s: AtLeastOne = Field(30, description="overload: seconds after the spike")
    overload_configuration: str = Field(
        "up-4",
        description="overload: the machines it runs on (a make bench-cluster configuration), the generator beside them",
    )
    overload_admission_queue: Whole = Field(
        8, description="overload: ADMISSION_QUEUE given to every architecture's servers (0 = admission control off)"
    )
    overload_goodput_share: Share = Field(0.9, description="overload target: goodput in the spike, x capacity")
    overload_refusal_p99_ms: Seconds = Field(100, description="overload target: a refusal's p99, in ms")
    overload_recovery_s: Seconds = Field(5, description="overload target: seconds to the pre-spike p99 after it")
    overload_recovery_tolerance: Share = Field(1.5, description="recovered: each second's p99 within this x before's")


# What `python -m lab settings` shows, in order: a class of settings a line.
SETTINGS_CLASSES: list[type[BaseSettings]] = [LabSettings, ClusterSettings, OpenLoopSettings, HopPairSettings]


class SettingsError(ValueError):
    """A variable with a value its setting does not accept; the message is one line naming it."""


def variable(kind: type[BaseSettings], field: str) -> str:
    """The variable that sets a field: its alias, else the class's prefix and its name, in capitals."""
    alias = kind.model_fields[field].validation_alias
    return (alias if isinstance(alias, str) else kind.model_config.get("env_prefix", "") + field).upper()


def _one_line(kind: type[BaseSettings], error: ValidationError, field: str | None = None) -> str:
    first = error.errors()[0]
    name = variable(kind, field or str(first["loc"][0]))
    message = first["msg"].removeprefix("Value error, ").replace("Input should be", "must be", 1)
    if first["type"] != "value_error":
        message = f"{message}, not {first.get('input')!r}"
    return f"{name} {message}"


def read(kind: type[BaseSettings] = LabSettings) -> BaseSettings:
    """Settings as the environment gives them now; SettingsError naming the first bad variable."""
    try:
        return kind()
    except ValidationError as error:
        raise SettingsError(_one_line(kind, error)) from None


def check(kind: type[BaseSettings], field: str, value: object) -> object:
    """One setting's value as given elsewhere (a command-line option), checked as its variable is."""
    info = kind.model_fields[field]
    try:
        kind_of = Annotated[(info.annotation, *info.metadata)] if info.metadata else info.annotation
        return TypeAdapter(kind_of).validate_python(value)
    except ValidationError as error:
        raise SettingsError(_one_line(kind, error, field)) from None


@functools.cache
def at_start() -> LabSettings:
    """The settings this process read once, first asked: what module-level constants are made of."""
    return read()


def inherited_environment() -> dict[str, str]:
    """The environment a child process inherits (a copy to add its own variables to)."""
    return dict(os.environ)
