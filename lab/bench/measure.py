"""The bench: for each profile, a fresh architecture, a warm-up, a measured Locust run, and run.json."""

import json
import shutil
from collections.abc import Callable
from pathlib import Path

from bookstore.settings import ReadSettings
from lab.bench.console import say_finished
from lab.launch.launcher import Launch
from lab.launch.ports import free_port
from lab.launch.processes import spawn
from lab.launch.replication import ReplicationWatch
from lab.load import locust_results, stale_reads
from lab.load.generator import (
    LOCUSTFILE,
    describe_load,
    follow,
    locust_command,
    locust_environment,
    run_title,
    start_workers,
    workers_wanted,
)
from lab.load.machine import environment
from lab.load.measurement import Window, idle_cpu, load_generator_report
from lab.load.reference_work import ReferenceWork
from lab.load.steps import StepWatcher
from lab.paths import RESULTS, ROOT
from lab.records import RunRecord, read_run, write_run
from lab.settings import inherited_environment
from loadtests.profiles import FLOOR, FORMER_NAMES, Profile


def run_profile(
    architecture: str,
    db: str | None,
    profile: Profile,
    results: Path = RESULTS,
    *,
    folder: Callable[[str], Path] | None = None,
    scale: dict | None = None,
    locustfile: Path = LOCUSTFILE,
    extra: dict | None = None,
    settings: dict[str, str] | None = None,
) -> Path:
    """One fresh, measured run of a profile into folder(label) (default results/<label>/<profile>); returns it.

    settings: variables its servers get besides those they inherit (PG_REPLICAS, READS, TRACE...).
    """
    with Launch(architecture, db, port=free_port(), scale=scale, settings=settings) as launch:
        label = launch.architecture.label
        out = folder(label) if folder else results / label / profile.name
        measure(launch, profile, out, locustfile, extra)
    keep_profiles(launch, out)  # written by each worker as it stopped
    return out


def keep_profiles(launch: Launch, out: Path) -> None:
    """With PROFILE_SERVERS=1, each server worker's CPU profile, kept with the run's results."""
    if (launch.run_dir / "profiles").is_dir():
        shutil.copytree(launch.run_dir / "profiles", out / "profiles", dirs_exist_ok=True)
        print(f"  profiles: {out / 'profiles'} (one .txt summary and one .pstat per server worker)", flush=True)


def measure(
    launch: Launch, profile: Profile, out: Path, locustfile: Path = LOCUSTFILE, extra: dict | None = None
) -> Path:
    """Drive a running architecture with one profile and write out/run.json."""
    label = launch.architecture.label
    workers = workers_wanted(out / "run.json", launch.lab)
    shutil.rmtree(out, ignore_errors=True)  # a new run replaces the old one, never blends with it
    out.mkdir(parents=True)
    marks = launch.run_dir / f"marks-{out.name}"
    shutil.rmtree(marks, ignore_errors=True)
    marks.mkdir()
    generators = f", Locust as a master and {workers} workers" if workers else ""
    print(f"[{run_title(label, profile)}] {describe_load(profile)}{generators}", flush=True)
    idle = idle_cpu(launch.process_ids())
    port = free_port() if workers else 0
    command = locust_command(profile, launch.base_url, out, locustfile, workers, port)
    env = {**inherited_environment(), **locust_environment(profile, marks), "LAB_STALENESS_DIR": str(out / "staleness")}
    reference = ReferenceWork(out / "reference_work.jsonl")
    reference.start()
    locust = spawn(command, env, out / "locust.log", own_group=False)
    helpers = start_workers(profile, locustfile, workers, port, out / "locust.log") if workers else []
    counting = {name: launch.count_dir(name) for name in launch.instances()}
    worker_pids = {f"locust-worker-{n}": worker.pid for n, worker in enumerate(helpers, start=1)}
    window = Window(launch.process_ids(), locust.pid, counting, worker_pids)
    meter = launch.meter()
    steps = StepWatcher(marks, {**launch.process_ids(), **worker_pids}, meter) if profile.shape == "steps" else None
    replication = ReplicationWatch(launch.postgres, launch.replicas) if launch.replicas else None
    watch = Watches([each for each in (replication, meter) if each]) if replication or meter else None
    try:
        follow(locust, window, marks, label, profile, out, steps, watch)
    finally:  # Ctrl-C or a crash here must not leave Locust hammering a stopped server
        for process in [locust, *helpers]:
            if process.poll() is None:
                process.terminate()
                process.wait()
        reference.stop()
    if not (marks / "measure_end").exists() or not (out / "locust.json").exists():
        raise RuntimeError(f"Locust did not complete the measured window; see {out / 'locust.log'}")
    if not window.end_cpu:
        window.close()
    if replication and not replication.work:
        replication.close()
    if meter and meter.closed is None:
        meter.close()
    checks = launch.run_checks()
    start, end = _window_times(marks)
    extra = {**(extra or {}), "idle_cpu_share": idle, "reference_work_ms": reference.median_ms(start, end)}
    extra["stale_reads"] = stale_reads.summarise(out / "staleness", start, end)
    if replication:
        extra["replication"] = {**replication.report(start, end), **reads_setting(launch)}
    if steps:
        steps.poll()
        extra["steps"] = steps.steps(reference.median_ms)
    if meter:
        extra["cluster"] = meter.record(extra.get("steps") or [])
    _write_run(out, launch, profile, marks, window, checks, extra)
    return out


class Watches:
    """Several watches opened, polled and closed with the measured window, as one."""

    def __init__(self, watches: list):
        self.watches = watches

    def open(self) -> None:
        for watch in self.watches:
            watch.open()

    def close(self) -> None:
        for watch in self.watches:
            watch.close()

    def poll(self) -> None:
        for watch in self.watches:
            watch.poll()


def _write_run(
    out: Path, launch: Launch, profile: Profile, marks: Path, window: Window, checks: list, extra: dict
) -> None:
    start_mark = json.loads((marks / "measure_start").read_text())
    end_mark = json.loads((marks / "measure_end").read_text())
    start, end = _window_times(marks)
    seconds = end - start
    summary = locust_results.summarise(out / "locust.json", seconds)
    master = end_mark["cpu_seconds"] - start_mark["cpu_seconds"]  # from its own rusage: it has exited by now
    workers = window.generator_cpu_seconds()
    cpu = {**window.cpu_seconds(), "locust": round(master + sum(workers.values()), 3)}
    busiest = max([master, *workers.values()])
    generator = load_generator_report(cpu["locust"], seconds, processes=1 + len(workers), busiest=busiest)
    run = RunRecord(
        architecture=launch.name,
        label=launch.architecture.label,
        database=launch.db,
        profile={**profile.__dict__, "run_time_s": profile.run_time_s},
        **environment(),
        window={"start": start, "end": end, "seconds": round(seconds, 3)},
        **summary,
        throughput_series=locust_results.throughput_series(out / "locust_stats_history.csv", start, end),
        cpu_seconds=cpu,
        cpu_ms_per_request={
            name: round(1000 * s / summary["totals"]["requests"], 3) if summary["totals"]["requests"] else None
            for name, s in cpu.items()
        },
        peak_rss_mb={name: round(b / 2**20, 1) for name, b in window.peak_rss.items()},
        restarted_processes=window.restarted_processes(),
        load_generator=generator,
        internal_requests=_internal_requests(window.served(), summary["totals"]["requests"]),
        checks=checks,
        notes=[locust_results.RESOLUTION_NOTE],
        **extra,
    )
    write_run(out / "run.json", run)
    say_finished(run, run_title(run.label, profile), out)


def _window_times(marks: Path) -> tuple[float, float]:
    """When the measured window opened and closed (epoch seconds), as Locust marked them."""
    return tuple(json.loads((marks / name).read_text())["time"] for name in ("measure_start", "measure_end"))


def reads_setting(launch: Launch) -> dict:
    """Where reads that may be stale went in this run (bookstore/replicas.py)."""
    settings = ReadSettings.from_environment(launch.server_environment())
    return {"reads": settings.mode, "max_staleness_ms": settings.max_staleness_ms}


def _internal_requests(served: dict[str, int], edge_requests: int) -> dict | None:
    counted = {name: n for name, n in served.items() if n}
    if not counted or not edge_requests:
        return None  # this architecture's servers do not count their requests
    return {"served": counted, "per_edge_request": round(sum(counted.values()) / edge_requests, 3)}


def run_floor(results: Path = RESULTS, profile: Profile = FLOOR) -> Path:
    """The framework floor, measured in every bench: a bare gunicorn + Flask endpoint under the same load."""
    floor_file = ROOT / "loadtests" / "floor.py"
    return run_profile(
        "floor", None, profile, results, folder=lambda _: results / "floor" / "floor", locustfile=floor_file
    )


def repeat_folder(results: Path, label: str, profile: str, repeat: int) -> Path:
    """Where repetition `repeat` (1, 2...) of a profile is kept: the profile's folder, then <profile>-r2..."""
    return results / label / (profile if repeat == 1 else f"{profile}-r{repeat}")


def run_failed(out: Path) -> bool:
    """Whether a finished run had failed requests or a failed after-load check.

    A saturation run stops at its first saturated step, which may be saturated because requests
    failed: that is its finding, not a failure. Failures in any step before it are.
    """
    run = read_run(out / "run.json")
    if run.steps is not None:
        failures = sum(step.failures for step in run.steps if not step.stop_reason)
    else:
        failures = run.totals.failures
    return failures > 0 or not all(check.passed for check in run.checks)


def run_repeat(
    architecture: str,
    db: str | None,
    profile: Profile,
    n: int,
    results: Path = RESULTS,
    settings: dict[str, str] | None = None,
) -> Path:
    """Repetition n of a profile in its own folder; the first of a series clears an earlier series' repetitions.

    settings: variables its servers get besides those they inherit (PG_REPLICAS, READS, TRACE...).
    """
    where = lambda label: repeat_folder(results, label, profile.name, n)  # noqa: E731
    out = run_profile(architecture, db, profile, results, extra={"repeat": n}, folder=where, settings=settings)
    if n == 1:  # an earlier series, kept under this name or the profile's former one, must not blend in
        former = [name for name, now in FORMER_NAMES.items() if now == profile.name]
        stale = [out.parent / name for name in former]
        for name in [profile.name, *former]:
            stale += out.parent.glob(f"{name}-r*")
        for folder in stale:
            shutil.rmtree(folder, ignore_errors=True)
    return out
