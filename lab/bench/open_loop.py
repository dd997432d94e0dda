"""make bench-open and make overload: an architecture driven by k6 at fixed arrival rates, its figures in
results/<label>/<kind>/.

bench-open launches it as the bench does and climbs a staircase to 1.5x the knee of its closed-loop saturation
run. overload runs it on machines of their own behind HAProxy (OVERLOAD_CONFIGURATION, a make bench-cluster
configuration): on two shared cores a 3x spike's servers would take the CPU k6 needs to send on time (k6 costs
about half a millisecond of CPU a request), so the refusals would look slow for the generator's sake. Its
capacity is that configuration's knee, measured by its cluster run (run first where there is none)."""

import shutil
from pathlib import Path

from lab.bench.campaign import Task
from lab.bench.measure import repeat_folder, run_failed, run_repeat
from lab.chaos import data_check
from lab.cluster import bench as cluster_bench
from lab.cluster.cgroups import MachinesUnavailable
from lab.cluster.launch import ClusterLaunch, check_can_run
from lab.cluster.plan import configuration_named
from lab.launch.architectures import check_choice
from lab.launch.launcher import Launch
from lab.launch.ports import free_port
from lab.load import open_loop_figures, open_loop_k6, open_loop_phases, open_loop_samples, overload_verdicts
from lab.load.machine import environment
from lab.paths import RESULTS
from lab.records import capacity_step, read_record, read_run, write_record
from lab.records.fault import DataCheck
from lab.records.open_loop import OpenLoopRecord
from lab.settings import ClusterSettings, OpenLoopSettings, read, variable
from loadtests.profiles import SATURATION, STARTUP_ALLOWANCE_S, get_profile
from topology import registry

FOLDER = {"staircase": "open", "overload": "overload"}  # results/<label>/<folder>/<folder>.json


def saturation_run(architecture: str, db: str | None, results: Path) -> Path:
    """Where the architecture's latest closed-loop saturation run is (or will be) kept."""
    label = registry.declared(architecture).label(check_choice(architecture, db))
    return repeat_folder(results, label, SATURATION, 1) / "run.json"


def cluster_run(architecture: str, results: Path) -> Path:
    """Where the cluster run of the overload's configuration is (or will be) kept."""
    configuration = configuration_named(read(OpenLoopSettings).overload_configuration)
    return cluster_bench.folder(results, architecture, configuration) / "run.json"


def knee_source(architecture: str, db: str | None, kind: str, results: Path) -> Path:
    """The run whose knee the open loop is scaled to: the saturation run, or the overload's cluster run."""
    return cluster_run(architecture, results) if kind == "overload" else saturation_run(architecture, db, results)


def capacity(path: Path) -> float:
    """The knee of a saturation run: its step with the most throughput (lab/records capacity_step)."""
    best = capacity_step(read_run(path).steps or [])
    if best is None or best.throughput_rps <= 0:
        raise RuntimeError(f"{path} has no step with throughput: run it again")
    return best.throughput_rps


def phases_of(kind: str, capacity_rps: float, settings: OpenLoopSettings) -> list[open_loop_phases.Phase]:
    if kind == "staircase":
        shares = open_loop_phases.shares(settings.open_shares)
        return open_loop_phases.staircase(capacity_rps, shares, settings.open_step_s)
    s = settings
    return open_loop_phases.spike(
        capacity_rps, s.overload_steady, s.overload_spike, s.overload_before_s, s.overload_spike_s, s.overload_after_s
    )


def run_open(architecture: str, db: str | None, kind: str, results: Path = RESULTS) -> Path:
    """One open-loop run on a fresh start of the architecture; the record's path."""
    settings = read(OpenLoopSettings)
    source = knee_source(architecture, db, kind, results)
    capacity_rps = capacity(source)
    phases = phases_of(kind, capacity_rps, settings)
    queue = settings.overload_admission_queue if kind == "overload" else None
    if queue is None:
        launching = Launch(architecture, db, port=free_port())
    else:  # on machines of their own, every architecture with the same admission settings
        configuration = configuration_named(settings.overload_configuration)
        launching = ClusterLaunch(
            architecture, configuration, port=free_port(), settings={"ADMISSION_QUEUE": str(queue)}
        )
    with launching as launch:
        label = launch.architecture.label
        out = results / label / FOLDER[kind]
        shutil.rmtree(out, ignore_errors=True)  # a new run replaces the old one
        title = f"{label} {FOLDER[kind]}"
        print(f"[{title}] capacity {capacity_rps:.1f} req/s (from {source}); {len(phases)} phases", flush=True)
        samples = open_loop_samples.read(open_loop_k6.run(launch.base_url, phases, settings, out, title))
        checked = DataCheck.model_validate(data_check.check(launch, samples.orders))
    figures = open_loop_figures.by_phase(samples, phases)
    seconds = open_loop_figures.by_second(samples.answers)
    verdicts = []
    if kind == "overload":
        verdicts = overload_verdicts.verdicts(
            figures,
            seconds,
            capacity_rps,
            checked.passed,
            goodput_share=settings.overload_goodput_share,
            refusal_p99_ms=settings.overload_refusal_p99_ms,
            recovery_limit_s=settings.overload_recovery_s,
            tolerance=settings.overload_recovery_tolerance,
        )
    record = OpenLoopRecord(
        kind=kind,  # type: ignore[arg-type]
        architecture=architecture,
        label=label,
        database=launch.db,
        **environment(),
        capacity_rps=capacity_rps,
        capacity_from=str(source.relative_to(results)) if source.is_relative_to(results) else str(source),
        admission_queue=queue,
        settings={variable(OpenLoopSettings, name): str(value) for name, value in settings.model_dump().items()},
        phases=figures,
        seconds=seconds,
        verdicts=verdicts,
        data_check=checked,
    )
    path = out / f"{FOLDER[kind]}.json"
    write_record(path, record)
    say(record, title, path)
    return path


def say(record: OpenLoopRecord, title: str, path: Path) -> None:
    """Each phase in a line, the verdicts, and where the record is."""
    for phase in record.phases:
        o, s = phase.open_ms, phase.served_ms
        print(
            f"  {phase.name:>22}: offered {phase.offered_rps:g}, sent {phase.achieved_rps:.1f} req/s, good "
            f"{phase.goodput_rps:.1f}/s, refused {phase.refused}, errors {phase.errors}; p50/p95/p99 "
            f"{_ms(o.p50)}/{_ms(o.p95)}/{_ms(o.p99)} ms from intended (k6's own {_ms(s.p50)}/{_ms(s.p95)}/"
            f"{_ms(s.p99)}); dropped {phase.dropped}, late {phase.late}",
            flush=True,
        )
        if phase.errors_by_answer:
            print(f"  {'':>22}  errors by action and status: {phase.errors_by_answer}", flush=True)
    for verdict in record.verdicts:
        mark = "met" if verdict.passed else "NOT MET"
        print(f"  {mark:>7}: {verdict.name}: {verdict.measured} (target {verdict.target})", flush=True)
    if record.data_check:
        print(f"  data check: {'passed' if record.data_check.passed else 'FAILED'}", flush=True)
    print(f"[{title}] -> {path}", flush=True)


def _ms(value: float | None) -> str:
    return "-" if value is None else f"{value:,.0f}"


def open_tasks(architectures: list[tuple[str, str | None]], kind: str, results: Path = RESULTS) -> list[Task]:
    """For each architecture: the run its knee comes from first where there is none (said), then the open loop."""
    settings = read(OpenLoopSettings)
    seconds = sum(phase.seconds for phase in phases_of(kind, 1.0, settings)) + STARTUP_ALLOWANCE_S + 30
    if kind == "overload":
        try:
            check_can_run()
        except MachinesUnavailable as missing:  # said before anything starts
            raise ValueError(f"make overload runs on machines of their own, which cannot run here: {missing}") from None
    tasks = []
    for architecture, db in architectures:
        if kind == "overload" and not cluster_run(architecture, results).exists():
            configuration = configuration_named(settings.overload_configuration)
            print(
                f"[{architecture}] no cluster run of {configuration.name} in {results} to take the knee from: "
                "running it first",
                flush=True,
            )
            profile = cluster_bench.profile(configuration, read(ClusterSettings))
            first = lambda a=architecture, c=configuration: run_failed(cluster_bench.run_configuration(a, c, results))  # noqa: E731
            tasks.append(
                Task(
                    f"{architecture} on machines: {configuration.name} (for its knee)",
                    profile.run_time_s * 0.6 + STARTUP_ALLOWANCE_S + 10,
                    first,
                )
            )
        elif kind == "staircase" and not saturation_run(architecture, db, results).exists():
            print(
                f"[{architecture}] no closed-loop saturation run in {results} to take the knee from: "
                "running the saturation profile first",
                flush=True,
            )
            profile = get_profile(SATURATION)
            first = lambda a=architecture, d=db, p=profile: run_failed(run_repeat(a, d, p, 1, results))  # noqa: E731
            tasks.append(
                Task(f"{architecture} saturation (for its knee)", profile.run_time_s + STARTUP_ALLOWANCE_S, first)
            )
        run = lambda a=architecture, d=db: not _passed(run_open(a, d, kind, results))  # noqa: E731
        tasks.append(Task(f"{architecture} {FOLDER[kind]}", seconds, run))
    return tasks


def _passed(path: Path) -> bool:
    """An open-loop run fails the campaign only where its data check failed; the verdicts are findings."""
    record = read_record(path, OpenLoopRecord)
    return record.data_check is None or record.data_check.passed
