"""run.json written and read through its model, with a clear word for a record the model cannot read."""

import json
from pathlib import Path

from pydantic import ValidationError

from lab.records.run import SCHEMA_VERSION, RunRecord

RERUN = "run its bench again (make bench-<arch>, or the command that made it) to write it anew"


class UnreadableRecord(Exception):
    """A run.json that cannot be read as a RunRecord; the message names its folder and what to do."""


def write_run(path: Path, record: RunRecord) -> None:
    path.write_text(record.model_dump_json(indent=2))


def read_run(path: Path) -> RunRecord:
    """The record at path. One without a version, from before the schema, is read where its fields match
    version 1, with a note; anything else raises UnreadableRecord."""
    try:
        raw = json.loads(path.read_text())
    except (OSError, ValueError) as error:
        raise UnreadableRecord(f"{path.parent}: run.json cannot be read ({error}); {RERUN}") from None
    version = raw.get("version") if isinstance(raw, dict) else None
    if version is not None and version != SCHEMA_VERSION:
        raise UnreadableRecord(
            f"{path.parent}: run.json has schema version {version}, this lab reads {SCHEMA_VERSION}; "
            f"update the lab, or {RERUN}"
        )
    try:
        record = RunRecord.model_validate(raw)
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(map(str, first["loc"])) or "the file"
        before = " has no schema version (written before results/run.schema.json) and" if version is None else ""
        raise UnreadableRecord(
            f"{path.parent}: run.json{before} does not match schema version {SCHEMA_VERSION} "
            f"({where}: {first['msg']}); {RERUN}"
        ) from None
    if version is None:
        print(f"note: {path.parent}: run.json has no schema version; its fields are those of version {SCHEMA_VERSION}")
    return record
