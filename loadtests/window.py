"""Bench plumbing loaded beside the locustfile: drop warm-up statistics and mark the measured window."""

import json
import resource
import time
from pathlib import Path

import gevent
from locust import events

try:
    from loadtests.settings import SETTINGS
except ImportError:  # `locust -f` run from outside the project root: the file's own folder is on sys.path
    from settings import SETTINGS

WARMUP_S = SETTINGS.warmup_s
MARK_DIR = SETTINGS.mark_dir


def _mark(name: str) -> None:
    # Locust's own CPU, from its rusage: the bench cannot read it once this process has exited.
    if MARK_DIR:
        usage = resource.getrusage(resource.RUSAGE_SELF)
        mark = {"time": time.time(), "cpu_seconds": usage.ru_utime + usage.ru_stime}
        Path(MARK_DIR, name).write_text(json.dumps(mark))


@events.test_start.add_listener
def _start_window_after_warmup(environment, **_kwargs) -> None:
    def _reset() -> None:
        gevent.sleep(WARMUP_S)
        environment.runner.stats.reset_all()
        _mark("measure_start")

    gevent.spawn(_reset)


@events.test_stop.add_listener
def _end_window(environment, **_kwargs) -> None:
    _mark("measure_end")
