"""wrk, run as the issue's table was measured: one thread, 16 keep-alive connections, a fixed duration."""

import json
import resource
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
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


@dataclass
class RunningWrk:
    """A wrk run under way: its process, its script's folder, and this process's reaped children's CPU before it."""

    endpoint: Endpoint
    process: subprocess.Popen
    folder: tempfile.TemporaryDirectory
    cpu_before: float
    seconds: int

    def _kill(self) -> None:
        self.process.kill()
        self.process.communicate()

    def stop(self) -> None:
        """End it early and forget it (a start that missed a worker)."""
        self._kill()
        self.folder.cleanup()

    def finish(self) -> dict:
        """Wait for the end: its counts and latencies, its own CPU seconds, any wrong answer."""
        try:
            stdout, stderr = self.process.communicate(timeout=self.seconds + 60)
        except BaseException:  # hung past its duration, or Ctrl-C: it must not go on loading the server
            self._kill()
            raise
        finally:
            self.folder.cleanup()
        cpu = _children_cpu_s() - self.cpu_before  # the servers are not this process's children: only wrk counts
        lines = stdout.splitlines()
        result = next((line.removeprefix("RESULT ") for line in lines if line.startswith("RESULT ")), None)
        if self.process.returncode != 0 or result is None:
            raise RuntimeError(f"wrk failed on {self.endpoint.path}: {stderr.strip() or stdout[-300:]}")
        found = json.loads(result)
        found["wrk_cpu_s"] = round(cpu, 3)
        found["rps"] = found["requests"] / (found["duration_us"] / 1e6) if found["duration_us"] else 0.0
        wrong = (line.removeprefix("WRONG ") for line in lines if line.startswith("WRONG "))
        found["wrong_example"] = next(wrong, None)
        return found


def start_wrk(base_url: str, endpoint: Endpoint, seconds: float, headers: dict[str, str] | None = None) -> RunningWrk:
    """Start wrk against one endpoint for `seconds` (whole seconds: wrk takes no less)."""
    folder = tempfile.TemporaryDirectory()
    try:
        script = Path(folder.name) / "endpoint.lua"
        script.write_text(lua(endpoint, headers or {}))
        whole = max(1, round(seconds))
        command = [
            wrk_path(),
            f"-t{THREADS}",
            f"-c{CONNECTIONS}",
            f"-d{whole}s",
            "--timeout",
            "10s",
            "-s",
            str(script),
            base_url + endpoint.path,
        ]
        before = _children_cpu_s()
        process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    except BaseException:
        folder.cleanup()
        raise
    return RunningWrk(endpoint, process, folder, before, whole)


def run_wrk(base_url: str, endpoint: Endpoint, seconds: float, headers: dict[str, str] | None = None) -> dict:
    """One whole wrk run against one endpoint."""
    return start_wrk(base_url, endpoint, seconds, headers).finish()
