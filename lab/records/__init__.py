"""The result files the lab writes, as pydantic models with a schema version (results/run.schema.json)."""

from lab.records.files import UnreadableRecord, read_run, write_run
from lab.records.run import SCHEMA_VERSION, RunRecord, Step, capacity_step

__all__ = ["SCHEMA_VERSION", "RunRecord", "Step", "UnreadableRecord", "capacity_step", "read_run", "write_run"]
