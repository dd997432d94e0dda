"""The machine's own speed while a run is measured: one fixed piece of work, timed every half second.

A shared virtual machine is not always equally fast. Here the same work takes about 9 ms of CPU most of the time
and 6 ms in stretches that come and go with the host's other guests (docs/model.md), which moves a knee by as
much as the model is asked to be right by. A run that records how long this work took during its window shows
whether a difference between two runs is the code's or the machine's.

The work runs in its own process, so that it neither waits on the lab's GIL nor counts as anyone's request. It
takes about 9 ms every 0.5 s: under 1 % of the machine's two cores, alike for every architecture.
"""

import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

from lab.launch.processes import spawn
from lab.paths import ROOT
from lab.settings import inherited_environment

INTERVAL_S = 0.5
_ITERATIONS = 60_000


def fixed_work() -> int:
    """Arithmetic and a small dict: interpreter work like a request's, with no I/O and no allocation growth."""
    total, table = 0, {}
    for n in range(_ITERATIONS):
        total += n * n % 7
        table[n & 1023] = total
    return total


def sample_forever(path: Path) -> None:
    """Append (wall time, CPU ms of one fixed_work) to `path` every INTERVAL_S, until killed."""
    with open(path, "a") as samples:
        while True:
            started = time.thread_time()
            fixed_work()
            samples.write(json.dumps([round(time.time(), 3), round(1000 * (time.thread_time() - started), 3)]) + "\n")
            samples.flush()
            time.sleep(INTERVAL_S)


class ReferenceWork:
    """The sampling process for one run; `median_ms(start, end)` for any window inside it."""

    def __init__(self, path: Path):
        self.path = path
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        self.path.unlink(missing_ok=True)
        command = [sys.executable, "-m", "lab.load.reference_work", str(self.path)]
        self.process = spawn(command, {**inherited_environment(), "PYTHONPATH": str(ROOT)}, own_group=False)

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.kill()
            self.process.wait()

    def median_ms(self, start: float, end: float) -> float | None:
        """The median CPU milliseconds the fixed work took between `start` and `end` (epoch seconds)."""
        found = [ms for at, ms in self._samples() if start <= at <= end]
        return round(statistics.median(found), 2) if found else None

    def _samples(self) -> list[tuple[float, float]]:
        if not self.path.exists():
            return []
        complete = self.path.read_text().split("\n")[:-1]  # the kill may have cut the last line short
        return [tuple(json.loads(line)) for line in complete]


if __name__ == "__main__":
    sample_forever(Path(sys.argv[1]))
