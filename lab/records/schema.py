"""results/run.schema.json, generated from the models: what users can check a run.json against."""

import json
from pathlib import Path

from lab.paths import ROOT
from lab.records.run import RunRecord

SCHEMA_FILE = ROOT / "results" / "run.schema.json"


def schema_text() -> str:
    """The JSON Schema of run.json as the models define it."""
    schema = RunRecord.model_json_schema()
    schema["$id"] = "run.schema.json"
    return json.dumps(schema, indent=2) + "\n"


def write_schema(path: Path = SCHEMA_FILE) -> Path:
    path.write_text(schema_text())
    return path
