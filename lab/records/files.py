"""Result files written and read through their models, with a clear word for one a model cannot read."""

import json
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel, ValidationError

from lab.records.run import SCHEMA_VERSION, RunRecord

Record = TypeVar("Record", bound=BaseModel)


class UnreadableRecord(Exception):
    """A result file that cannot be read as its model; the message names its folder and what to do."""


def write_record(path: Path, record: BaseModel) -> None:
    path.write_text(record.model_dump_json(indent=2))


def read_record(path: Path, model: type[Record]) -> Record:
    """The record at path. One without a version, from before the schema, is read where its fields match
    version 1, with a note; anything else raises UnreadableRecord."""
    rerun = f"run {getattr(model, 'RERUN', 'its experiment')} again to write it anew"
    try:
        raw = json.loads(path.read_text())
    except (OSError, ValueError) as error:
        raise UnreadableRecord(f"{path.parent}: {path.name} cannot be read ({error}); {rerun}") from None
    version = raw.get("version") if isinstance(raw, dict) else None
    if version is not None and version != SCHEMA_VERSION:
        raise UnreadableRecord(
            f"{path.parent}: {path.name} has schema version {version}, this lab reads {SCHEMA_VERSION}; "
            f"update the lab, or {rerun}"
        )
    try:
        record = model.model_validate(raw)
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(map(str, first["loc"])) or "the file"
        before = " has no schema version (written before results/run.schema.json) and" if version is None else ""
        raise UnreadableRecord(
            f"{path.parent}: {path.name}{before} does not match schema version {SCHEMA_VERSION} "
            f"({where}: {first['msg']}); {rerun}"
        ) from None
    if version is None:
        print(
            f"note: {path.parent}: {path.name} has no schema version; its fields are those of version {SCHEMA_VERSION}"
        )
    return record


def write_run(path: Path, record: RunRecord) -> None:
    write_record(path, record)


def read_run(path: Path) -> RunRecord:
    """results/<label>/<profile>/run.json, or UnreadableRecord naming its folder."""
    return read_record(path, RunRecord)
