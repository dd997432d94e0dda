"""The load generator as the bench runs it: Locust's command line, its plumbing, and following its progress."""

import sys
import time
from pathlib import Path

from lab.launch.processes import spawn
from lab.load import locust_results
from lab.load.measurement import Window
from lab.paths import ROOT
from lab.records import UnreadableRecord, read_run
from lab.settings import LabSettings, inherited_environment, read
from loadtests.profiles import Profile

PROGRESS_EVERY_S = 5
STALL_ALLOWANCE_S = 120  # start-up, waiting for workers, the stop timeout and report writing, with margin
LOCUSTFILE = ROOT / "loadtests" / "locustfile.py"


def _files(profile: Profile, locustfile: Path) -> str:
    plumbing = "step_load.py" if profile.shape == "steps" else "window.py"
    return f"{locustfile},{ROOT / 'loadtests' / plumbing}"


def workers_wanted(previous: Path, settings: LabSettings | None = None) -> int:
    """Locust worker processes for a run: LOCUST_WORKERS, else 2 where the previous run saturated its one process.

    A bad LOCUST_WORKERS is a SettingsError (a ValueError) naming it.
    """
    asked = (settings or read()).locust_workers
    if asked is not None:
        return asked
    try:
        report = read_run(previous).load_generator
    except UnreadableRecord:  # no previous run, or one from an older lab
        return 0
    if report.processes > 1:  # keep what the last run needed, and add workers if even that saturated
        return report.processes - 1 + (2 if report.saturated else 0)
    return 2 if report.saturated else 0


def locust(files: str, host: str, *arguments: str, headless: bool = True) -> list[str]:
    """Locust's command line, the one way the lab writes it: these locustfiles against this host, quiet.

    Headless runs print only their summary and give users 5 s to finish once asked to stop.
    """
    quiet = ["--headless", "--only-summary", "--stop-timeout", "5"] if headless else []
    return [sys.executable, "-m", "locust", "-f", files, "--host", host, *quiet, "--loglevel", "WARNING", *arguments]


def shoppers(profile: Profile) -> list[str]:
    """A profile's users and how fast they arrive."""
    return ["-u", str(profile.users), "-r", str(profile.spawn_rate)]


def start_workers(profile: Profile, locustfile: Path, count: int, master_port: int, log: Path) -> list:
    """Locust workers that connect to the master on master_port; they carry no bench marks of their own."""
    env = {**inherited_environment(), **locust_environment(profile, None)}
    command = locust(
        _files(profile, locustfile),
        "http://unused",
        "--worker",
        "--master-host",
        "127.0.0.1",
        "--master-port",
        str(master_port),
        headless=False,
    )
    return [spawn(command, env, log, own_group=False) for _ in range(count)]


def locust_command(
    profile: Profile, host: str, out: Path, locustfile: Path = LOCUSTFILE, workers: int = 0, master_port: int = 0
) -> list[str]:
    """Headless Locust over a locustfile plus the bench's plumbing: a warm-up window, or the step-load shape.

    With workers, this process is the master: it spreads the users over them and gathers their statistics.
    """
    load = [] if profile.shape else [*shoppers(profile), "-t", f"{profile.run_time_s}s"]
    distributed = (
        [
            "--master",
            "--expect-workers",
            str(workers),
            "--expect-workers-max-wait",
            "90",
            "--master-bind-host",
            "127.0.0.1",
            "--master-bind-port",
            str(master_port),
        ]
        if workers
        else []
    )
    files = [
        "--csv",
        str(out / "locust"),
        "--csv-full-history",
        "--html",
        str(out / "report.html"),
        "--json-file",
        str(out / "locust"),
    ]
    return locust(_files(profile, locustfile), host, *load, *distributed, *files)


def locust_environment(profile: Profile, marks: Path | None) -> dict:
    """What the bench plumbing beside the locustfile reads: where to mark, how long to warm up, the steps."""
    env = {"LAB_WARMUP_S": str(profile.warmup_s), "LAB_MARK_DIR": str(marks or ""), "PYTHONPATH": str(ROOT)}
    if profile.shape == "steps":
        env |= {
            "LAB_STEPS": ",".join(map(str, profile.steps)),
            "LAB_SPAWN_RATE": str(profile.spawn_rate),
            "LAB_SETTLE_S": str(profile.warmup_s),
            "LAB_MEASURE_S": str(profile.duration_s),
        }
    if profile.p95_limit_ms is not None:
        env["LAB_P95_LIMIT_MS"] = str(profile.p95_limit_ms)
    return env


def _progress(label: str, profile: Profile, started: float, out: Path, measuring: bool, last: list) -> None:
    elapsed = time.monotonic() - started
    phase = "measuring" if measuring else "warm-up"
    line = f"  [{run_title(label, profile)}] {elapsed:4.0f}/{profile.run_time_s} s {phase}"
    progress = locust_results.latest_progress(out / "locust_stats_history.csv")
    if progress:
        stamp, users, total = progress
        line += f" | {users} users"
        # Counts restart from zero when the warm-up's statistics are dropped: no rate across that.
        if last and stamp > last[0] and total >= last[1]:
            line += f" | {(total - last[1]) / (stamp - last[0]):6.1f} req/s"
        last[:] = [stamp, total]
    print(line, flush=True)


def run_title(label: str, profile: Profile) -> str:
    """How the terminal names a run: the architecture and the profile, or the floor by what it is."""
    return "framework floor: a bare gunicorn + Flask endpoint" if label == "floor" else f"{label} {profile.name}"


def describe_load(profile: Profile) -> str:
    if profile.shape == "steps":
        return (
            f"steps of {', '.join(map(str, profile.steps))} users, each settled {profile.warmup_s} s and "
            f"measured {profile.duration_s} s, until saturated (at most {profile.run_time_s} s)"
        )
    return f"{profile.users} users, warm-up {profile.warmup_s} s, measured {profile.duration_s} s"


def follow(locust, window: Window, marks: Path, label: str, profile: Profile, out: Path, steps, watch=None) -> None:
    """Sample the window while Locust runs, printing progress every few seconds.

    watch: besides the CPU window, something to poll and to open and close with it (the replicas' lag).
    """
    started, last_tick, last = time.monotonic(), 0.0, []
    deadline = started + profile.run_time_s + STALL_ALLOWANCE_S
    while locust.poll() is None:
        if time.monotonic() > deadline:  # e.g. a worker that never connected: do not wait forever
            raise RuntimeError(f"Locust ran {STALL_ALLOWANCE_S} s past its planned end; see {out / 'locust.log'}")
        if not window.start_cpu and (marks / "measure_start").exists():
            window.open()
            if watch:
                watch.open()
        if window.start_cpu and not window.end_cpu and (marks / "measure_end").exists():
            window.close()
            if watch:
                watch.close()
        if watch:
            watch.poll()
        if steps:
            steps.poll()
        window.sample_memory()
        if time.monotonic() - last_tick >= PROGRESS_EVERY_S:
            _progress(label, profile, started, out, bool(window.start_cpu), last)
            last_tick = time.monotonic()
        time.sleep(0.2)
