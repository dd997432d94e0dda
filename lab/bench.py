"""The bench: for each profile, a fresh architecture, a warm-up, a measured Locust run, and run.json."""

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

from lab import locust_results
from lab.launcher import Launch
from lab.machine import environment
from lab.measurement import Window, load_generator_report
from lab.paths import RESULTS, ROOT
from lab.processes import free_port
from loadtests.profiles import BENCH_PROFILES, Profile, get_profile

PROGRESS_EVERY_S = 5


def locust_command(profile: Profile, host: str, out: Path) -> list[str]:
    """Headless Locust over the shared locustfile plus the bench's window plumbing."""
    files = f"{ROOT / 'loadtests' / 'locustfile.py'},{ROOT / 'loadtests' / 'window.py'}"
    return [
        sys.executable, "-m", "locust", "-f", files, "--headless", "--host", host,
        "-u", str(profile.users), "-r", str(profile.spawn_rate), "-t", f"{profile.run_time_s}s",
        "--csv", str(out / "locust"), "--csv-full-history", "--html", str(out / "report.html"),
        "--json-file", str(out / "locust"), "--only-summary", "--stop-timeout", "5", "--loglevel", "WARNING",
    ]  # fmt: skip


def _progress(label: str, profile: Profile, started: float, out: Path, measuring: bool, last: list) -> None:
    elapsed = time.monotonic() - started
    phase = "measuring" if measuring else "warm-up"
    line = f"  [{label} {profile.name}] {elapsed:4.0f}/{profile.run_time_s} s {phase}"
    progress = locust_results.latest_progress(out / "locust_stats_history.csv")
    if progress:
        stamp, users, total = progress
        line += f" | {users} users"
        # Counts restart from zero when the warm-up's statistics are dropped: no rate across that.
        if last and stamp > last[0] and total >= last[1]:
            line += f" | {(total - last[1]) / (stamp - last[0]):6.1f} req/s"
        last[:] = [stamp, total]
    print(line, flush=True)


def run_profile(architecture: str, db: str, profile: Profile, results: Path = RESULTS) -> Path:
    """One fresh, measured run of a profile; returns the results folder."""
    with Launch(architecture, db, port=free_port()) as launch:
        label = launch.architecture.label
        out = results / label / profile.name
        shutil.rmtree(out, ignore_errors=True)  # a new run replaces the old one, never blends with it
        out.mkdir(parents=True)
        marks = launch.run_dir / "marks"
        marks.mkdir()
        env = {"LAB_WARMUP_S": str(profile.warmup_s), "LAB_MARK_DIR": str(marks), "PYTHONPATH": str(ROOT)}
        print(f"[{label} {profile.name}] {profile.users} users, warm-up {profile.warmup_s} s, "
              f"measured {profile.duration_s} s", flush=True)  # fmt: skip
        with open(out / "locust.log", "wb") as log:
            locust = subprocess.Popen(
                locust_command(profile, launch.base_url, out), stdout=log, stderr=subprocess.STDOUT,
                env={**os.environ, **env},
            )  # fmt: skip
        counting = {name: launch.count_dir(name) for name in launch.instances()}
        window = Window(launch.process_ids(), locust.pid, counting)
        try:
            _follow(locust, window, marks, label, profile, out)
        finally:  # Ctrl-C or a crash here must not leave Locust hammering a stopped server
            if locust.poll() is None:
                locust.terminate()
                locust.wait()
        if not (marks / "measure_end").exists() or not (out / "locust.json").exists():
            raise RuntimeError(f"Locust did not complete the measured window; see {out / 'locust.log'}")
        if not window.end_cpu:
            window.close()
        checks = launch.run_checks()
        _write_run(out, launch, profile, marks, window, checks)
    return out


def _follow(locust: subprocess.Popen, window: Window, marks: Path, label: str, profile: Profile, out: Path) -> None:
    """Sample the window while Locust runs, printing progress every few seconds."""
    started, last_tick, last = time.monotonic(), 0.0, []
    while locust.poll() is None:
        if not window.start_cpu and (marks / "measure_start").exists():
            window.open()
        if window.start_cpu and not window.end_cpu and (marks / "measure_end").exists():
            window.close()
        window.sample_memory()
        if time.monotonic() - last_tick >= PROGRESS_EVERY_S:
            _progress(label, profile, started, out, bool(window.start_cpu), last)
            last_tick = time.monotonic()
        time.sleep(0.2)


def _write_run(out: Path, launch: Launch, profile: Profile, marks: Path, window: Window, checks: list) -> None:
    start_mark = json.loads((marks / "measure_start").read_text())
    end_mark = json.loads((marks / "measure_end").read_text())
    start, end = start_mark["time"], end_mark["time"]
    seconds = end - start
    summary = locust_results.summarise(out / "locust.json", seconds)
    cpu = {**window.cpu_seconds(), "locust": round(end_mark["cpu_seconds"] - start_mark["cpu_seconds"], 3)}
    generator = load_generator_report(cpu["locust"], seconds)
    run = {
        "architecture": launch.name,
        "label": launch.architecture.label,
        "database": launch.db,
        "profile": {**profile.__dict__, "run_time_s": profile.run_time_s},
        **environment(),
        "window": {"start": start, "end": end, "seconds": round(seconds, 3)},
        **summary,
        "throughput_series": locust_results.throughput_series(out / "locust_stats_history.csv", start, end),
        "cpu_seconds": cpu,
        "cpu_ms_per_request": {
            name: round(1000 * s / summary["totals"]["requests"], 3) if summary["totals"]["requests"] else None
            for name, s in cpu.items()
        },
        "peak_rss_mb": {name: round(b / 2**20, 1) for name, b in window.peak_rss.items()},
        "load_generator": generator,
        "internal_requests": _internal_requests(window.served(), summary["totals"]["requests"]),
        "checks": checks,
        "notes": [locust_results.RESOLUTION_NOTE],
    }
    (out / "run.json").write_text(json.dumps(run, indent=2))
    totals = run["totals"]
    print(f"[{run['label']} {profile.name}] {totals['requests']} requests, {totals['throughput_rps']:.1f} req/s, "
          f"p50 {totals['latency_ms']['p50']} ms, p95 {totals['latency_ms']['p95']} ms, "
          f"failures {totals['failure_ratio']:.2%} -> {out}", flush=True)  # fmt: skip
    for check in checks:
        print(f"  check {check['command']}: {'passed' if check['passed'] else 'FAILED'}", flush=True)
    if generator["saturated"]:
        share = generator["cpu_share_of_one_core"]
        print(f"  WARNING: Locust used {share:.0%} of a core: the load generator was saturated, "
              "so these numbers understate the server", flush=True)  # fmt: skip


def _internal_requests(served: dict[str, int], edge_requests: int) -> dict | None:
    counted = {name: n for name, n in served.items() if n}
    if not counted or not edge_requests:
        return None  # this architecture's servers do not count their requests
    return {"served": counted, "per_edge_request": round(sum(counted.values()) / edge_requests, 3)}


def run_bench(architecture: str, db: str, profile_name: str | None, results: Path = RESULTS) -> int:
    """Every bench profile (or the one named), one after another; exit code 1 on failures or a failed check."""
    names = [profile_name] if profile_name else list(BENCH_PROFILES)
    profiles = [get_profile(name) for name in names]
    failed = False
    for profile in profiles:
        out = run_profile(architecture, db, profile, results)
        run = json.loads((out / "run.json").read_text())
        failed |= run["totals"]["failures"] > 0 or not all(check["passed"] for check in run["checks"])
    return 1 if failed else 0
