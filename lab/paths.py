"""Where the lab keeps things."""

from pathlib import Path

from lab.settings import at_start

ROOT = Path(__file__).resolve().parent.parent
RESULTS = at_start().results_dir
VAR = ROOT / "var"
RUNS = at_start().lab_runs_dir  # one folder per start: database, logs, process record
