"""The result files the lab writes, as pydantic models with a schema version (results/run.schema.json)."""

from lab.records.cap import CapRecord
from lab.records.fault import FaultRecord
from lab.records.files import UnreadableRecord, read_record, read_run, write_record, write_run
from lab.records.run import SCHEMA_VERSION, RunRecord, Step, capacity_step

__all__ = [
    "CapRecord",
    "SCHEMA_VERSION",
    "FaultRecord",
    "RunRecord",
    "Step",
    "UnreadableRecord",
    "capacity_step",
    "read_record",
    "read_run",
    "write_record",
    "write_run",
]
