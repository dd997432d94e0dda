"""One fault under steady load: start fresh, load with users-100, stop a part, start it again, check the data."""

import dataclasses
import json
import shutil
import subprocess
import time
from dataclasses import asdict, dataclass
from pathlib import Path

from lab.chaos import availability, data_check, parts
from lab.launch.launcher import Launch
from lab.launch.ports import free_port
from lab.launch.processes import spawn
from lab.load.generator import locust, shoppers
from lab.paths import RESULTS, ROOT
from lab.records import FaultRecord, write_record
from lab.settings import at_start, inherited_environment
from loadtests.profiles import get_profile

CHAOS_RESULTS = RESULTS / "chaos"
LOAD = get_profile("users-100")
PLUMBING = [ROOT / "loadtests" / "locustfile.py", ROOT / "loadtests" / "timeline.py"]


@dataclass(frozen=True)
class Timing:
    """Seconds of each phase: users arrive and settle, service as usual, the part down, recovery watched.

    After the part is ready again the load goes on for at least `after_s`, and until service has recovered
    (availability.recovered_at), however long a slow machine takes, up to `recovery_limit_s`.
    """

    warm_s: float = 10
    before_s: float = 10
    down_s: float = 15
    after_s: float = 25
    recovery_limit_s: float = 180

    @property
    def run_s(self) -> int:
        """The planned length of a run in which service recovers within `after_s`."""
        return round(self.warm_s + self.before_s + self.down_s + self.after_s)

    def lasting(self, seconds: float) -> "Timing":
        """The same phases in proportion, planned to last `seconds` in all (a rehearsal's short run); the
        recovery is still watched up to its limit."""
        share = seconds / (self.warm_s + self.before_s + self.down_s + self.after_s)
        return dataclasses.replace(
            self,
            warm_s=self.warm_s * share,
            before_s=self.before_s * share,
            down_s=self.down_s * share,
            after_s=self.after_s * share,
        )


DEFAULT_TIMING = Timing().lasting(at_start().chaos_seconds)  # CHAOS_SECONDS, 60 as planned


def _say(label: str, began: float, text: str) -> None:
    print(f"[chaos {label}] {time.monotonic() - began:5.1f} s  {text}", flush=True)


def _locust(host: str, out: Path, timing: Timing, users: int) -> subprocess.Popen:
    load = dataclasses.replace(LOAD, users=users)
    command = locust(",".join(map(str, PLUMBING)), host, *shoppers(load), "--csv", str(out / "locust"))
    env = {**inherited_environment(), "LAB_TIMELINE": str(out / "timeline.json"), "PYTHONPATH": str(ROOT)}
    return spawn(command, env, out / "locust.log", own_group=False)


def _sleep_until(moment: float, locust: subprocess.Popen, out: Path) -> None:
    while time.time() < moment:
        if locust.poll() is not None:
            raise RuntimeError(f"Locust stopped early; see {out / 'locust.log'}")
        time.sleep(0.1)


def _live_seconds(out: Path) -> dict:
    try:
        return json.loads((out / "timeline.json").read_text())["seconds"]
    except (OSError, ValueError, KeyError):
        return {}  # not written yet


def _watch_recovery(locust: subprocess.Popen, out: Path, ready_at: float, timing: Timing, say) -> None:
    """Keep the load on for after_s, and on until service has recovered or recovery_limit_s has passed."""
    settle_s = 2  # a second is judged once the requests sent in it have had time to finish
    last_said = time.time()
    while True:
        _sleep_until(time.time() + 0.5, locust, out)
        now = time.time()
        recovered = availability.recovered_at(_live_seconds(out), ready_at, until=now - settle_s)
        if recovered is not None and now >= ready_at + timing.after_s:
            return
        if now >= ready_at + timing.recovery_limit_s:
            return say(f"not recovered {timing.recovery_limit_s:.0f} s after the restart: stopping the load")
        if recovered is None and now - last_said >= 5:
            say(
                f"waiting for {availability.RECOVERED_SECONDS} seconds in a row with "
                f"{availability.RECOVERED_SHARE:.0%} of requests succeeding"
            )
            last_said = now


def _stop_locust(locust: subprocess.Popen, out: Path) -> None:
    """SIGTERM: Locust lets users finish (--stop-timeout), then writes its statistics and the timeline."""
    if locust.poll() is None:
        locust.terminate()
        try:
            locust.wait(120)
        except subprocess.TimeoutExpired:
            locust.kill()
            locust.wait()


def run_fault(
    architecture: str,
    db: str | None,
    part: str,
    results: Path = CHAOS_RESULTS,
    timing: Timing = DEFAULT_TIMING,
    users: int = LOAD.users,
) -> Path:
    """Stop `part` of a fresh architecture under load for timing.down_s; write results/chaos/<label>/<part>/run.json."""
    with Launch(architecture, db, port=free_port()) as launch:
        parts.check_part(launch, part)
        label = f"{launch.architecture.label}: {part}"
        out = results / launch.architecture.label / part
        shutil.rmtree(out, ignore_errors=True)
        out.mkdir(parents=True)
        began, start = time.monotonic(), time.time()
        _say(
            label,
            began,
            f"{users} users arrive; {part} stops at {timing.warm_s + timing.before_s:.0f} s "
            f"for {timing.down_s:.0f} s; {timing.run_s} s or more in all",
        )
        locust = _locust(launch.base_url, out, timing, users)
        try:
            _sleep_until(start + timing.warm_s + timing.before_s, locust, out)
            stopped_at = time.time()
            parts.stop(launch, part)
            down_at = time.time()
            _say(label, began, f"{part} stopped after {down_at - stopped_at:.1f} s")
            _sleep_until(stopped_at + timing.down_s, locust, out)
            restarted_at = time.time()
            _say(label, began, f"starting {part} again")
            parts.start(launch, part)
            launch.wait_settled()
            ready_at = time.time()
            _say(label, began, f"{part} ready after {ready_at - restarted_at:.1f} s; watching the recovery")
            _watch_recovery(locust, out, ready_at, timing, lambda text: _say(label, began, text))
        finally:
            _stop_locust(locust, out)
        if not (out / "timeline.json").exists():
            raise RuntimeError(f"Locust failed; see {out / 'locust.log'}")
        phases = availability.Phases(stopped_at, down_at, restarted_at, ready_at)
        timeline = json.loads((out / "timeline.json").read_text())
        _say(label, began, "checking that nothing was lost")
        verdict = data_check.check(launch, timeline["confirmed_orders"])
        outcome = FaultRecord(
            architecture=launch.architecture.label,
            part=part,
            users=users,
            timing=asdict(timing),
            phases=asdict(phases),
            started_at=start,
            **availability.summary(timeline, phases),
            data_check=verdict,
        )
        write_record(out / "run.json", outcome)
        _say(label, began, _verdict_line(outcome))
        return out


def _verdict_line(outcome: FaultRecord) -> str:
    down, recovery = outcome.succeeded_while_down, outcome.recovery_s
    return (
        f"{'n/a' if down is None else f'{down:.0%}'} of requests succeeded while down; "
        f"recovered {'never' if recovery is None else f'{recovery:.0f} s after the restart'}; "
        f"data check {'passed' if outcome.data_check.passed else 'FAILED'}"
    )
