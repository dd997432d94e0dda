"""Where the lab keeps things."""

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = Path(os.environ.get("RESULTS_DIR", ROOT / "results"))
VAR = ROOT / "var"
RUNS = Path(os.environ.get("LAB_RUNS_DIR", VAR / "run"))  # one folder per start: database, logs, process record
