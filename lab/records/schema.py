"""results/*.schema.json, generated from the models: what users can check the result files against."""

import json
from pathlib import Path

from pydantic import BaseModel

from lab.paths import ROOT
from lab.records.cap import CapRecord
from lab.records.fault import FaultRecord
from lab.records.micro import MicroRecord
from lab.records.open_loop import OpenLoopRecord
from lab.records.run import RunRecord
from lab.records.trace import TraceRecord

FOLDER = ROOT / "results"
SCHEMAS: dict[str, type[BaseModel]] = {
    "run.schema.json": RunRecord,
    "fault.schema.json": FaultRecord,
    "cap.schema.json": CapRecord,
    "micro.schema.json": MicroRecord,
    "trace.schema.json": TraceRecord,
    "open.schema.json": OpenLoopRecord,
}
SCHEMA_FILE = FOLDER / "run.schema.json"


def schema_text(name: str = "run.schema.json") -> str:
    """The JSON Schema the models define for one kind of result file."""
    schema = SCHEMAS[name].model_json_schema()
    schema["$id"] = name
    return json.dumps(schema, indent=2) + "\n"


def write_schemas(folder: Path = FOLDER) -> list[Path]:
    for name in SCHEMAS:
        (folder / name).write_text(schema_text(name))
    return [folder / name for name in SCHEMAS]
