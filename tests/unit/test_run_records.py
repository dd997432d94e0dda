"""run.json is written and read through its models: a schema file that matches them, and old runs named clearly."""

import json

import jsonschema
import pytest
from pydantic import ValidationError

from lab.records import SCHEMA_VERSION, read_run, write_run
from lab.records.schema import FOLDER, SCHEMA_FILE, SCHEMAS, schema_text
from lab.report.results import load
from loadtests.profiles import SATURATION
from tests.run_records import run_record

STALE = {"reads_checked": 124, "stale": 0, "stale_per_1000_reads": 0.0, "by_endpoint": {}}


@pytest.mark.parametrize("name", SCHEMAS)
def test_each_schema_file_in_results_is_the_one_the_models_generate(name):
    assert (FOLDER / name).read_text() == schema_text(name), f"results/{name} is stale: run python -m lab.records"


def test_a_written_run_carries_the_schema_version_and_reads_back_as_it_was(tmp_path):
    run = run_record(label="soa", totals={"requests": 900, "throughput_rps": 45.0}, steps=[{"users": 500}])
    write_run(tmp_path / "run.json", run)

    assert json.loads((tmp_path / "run.json").read_text())["version"] == SCHEMA_VERSION
    assert read_run(tmp_path / "run.json") == run


def test_a_written_run_is_valid_against_the_schema_file_users_check_it_with(tmp_path):
    run = run_record(steps=[{"users": 500}], stale_reads={**STALE, "series": [[1796290876, 124, 0]]})
    write_run(tmp_path / "run.json", run)

    jsonschema.validate(json.loads((tmp_path / "run.json").read_text()), json.loads(SCHEMA_FILE.read_text()))


def test_a_misspelt_field_fails_where_the_run_is_written():
    with pytest.raises(ValidationError, match="throughput"):
        run_record(totals={"throughput": 45.0})


def keep(folder, fields: dict) -> None:
    folder.mkdir(parents=True)
    (folder / "run.json").write_text(json.dumps(fields))


def test_a_run_from_before_the_schema_with_its_fields_is_read_and_named(tmp_path, capsys):
    unversioned = run_record(label="monolith", profile={"name": "users-1000000"}).model_dump(exclude={"version"})
    keep(tmp_path / "monolith" / "users-1000000", unversioned)

    results = load(tmp_path)

    assert [run.profile.name for run in results.repeats("monolith", SATURATION)] == [SATURATION]
    assert f"{tmp_path / 'monolith' / 'users-1000000'}: run.json has no schema version" in capsys.readouterr().out


def test_an_old_run_without_the_fields_is_skipped_with_its_folder_and_what_to_do(tmp_path, capsys):
    keep(tmp_path / "monolith" / "users-100", {"label": "monolith", "profile": {"name": "users-100"}})
    keep(tmp_path / "soa" / "users-100", run_record(label="soa").model_dump())

    results = load(tmp_path)

    printed = capsys.readouterr().out
    assert results.labels == ["soa"]
    assert f"skipping {tmp_path / 'monolith' / 'users-100'}: run.json has no schema version" in printed
    assert "run its bench (make bench-<arch>" in printed and "Traceback" not in printed


def test_a_run_from_a_newer_lab_is_skipped_with_a_word_on_what_to_update(tmp_path, capsys):
    keep(tmp_path / "soa" / "users-100", run_record(label="soa").model_dump() | {"version": SCHEMA_VERSION + 1})

    assert load(tmp_path).labels == []
    assert f"has schema version {SCHEMA_VERSION + 1}, this lab reads {SCHEMA_VERSION}" in capsys.readouterr().out
