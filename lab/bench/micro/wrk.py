"""wrk, run as the issue's table was measured: one thread, 16 keep-alive connections, a fixed duration."""

import json
import resource
import shutil
import subprocess
import tempfile
from pathlib import Path

from lab.bench.micro.endpoints import Endpoint, lua

THREADS, CONNECTIONS = 1, 16


class WrkMissing(RuntimeError):
    """wrk is not installed."""


def wrk_path() -> str:
    """wrk's path, or a clear way to get it."""
    found = shutil.which("wrk")
    if not found:
        raise WrkMissing("the micro-bench drives load with wrk: apt-get install wrk (Debian, Ubuntu), brew install wrk")
    return found


def _children_cpu_s() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run_wrk(base_url: str, endpoint: Endpoint, seconds: float, headers: dict[str, str] | None = None) -> dict:
    """One wrk run against one endpoint (whole seconds: wrk takes no less): its counts and latencies, its own
    CPU seconds, any wrong answer."""
    with tempfile.TemporaryDirectory() as folder:
        script = Path(folder) / "endpoint.lua"
        script.write_text(lua(endpoint, headers or {}))
        command = [wrk_path(), f"-t{THREADS}", f"-c{CONNECTIONS}", f"-d{max(1, round(seconds))}s", "--timeout", "10s",
                   "-s", str(script), base_url + endpoint.path]  # fmt: skip
        before = _children_cpu_s()  # the servers are not this process's children to reap: only wrk counts
        finished = subprocess.run(command, capture_output=True, text=True, timeout=seconds + 60)
        cpu = _children_cpu_s() - before
    lines = finished.stdout.splitlines()
    result = next((line.removeprefix("RESULT ") for line in lines if line.startswith("RESULT ")), None)
    if finished.returncode != 0 or result is None:
        raise RuntimeError(f"wrk failed on {endpoint.path}: {finished.stderr.strip() or finished.stdout[-300:]}")
    found = json.loads(result)
    found["wrk_cpu_s"] = round(cpu, 3)
    found["rps"] = found["requests"] / (found["duration_us"] / 1e6) if found["duration_us"] else 0.0
    found["wrong_example"] = next((line.removeprefix("WRONG ") for line in lines if line.startswith("WRONG ")), None)
    return found
