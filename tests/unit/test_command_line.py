"""`python -m lab`: its help lists every command with how long it takes, its settings are read and checked at
start, and a variable sets the option it mirrors."""

import subprocess
import sys

import pytest

from bookstore.settings import Settings
from lab.cli import command_line
from lab.cli.settings_listing import every_class, own_fields
from lab.cli.table import COMMANDS
from lab.paths import ROOT
from lab.settings import LabSettings, SettingsError, check, inherited_environment, read, variable


def lab(*args: str, **env: str) -> subprocess.CompletedProcess:
    """The command line in a child process, with these variables besides the environment of the tests."""
    command = [sys.executable, "-m", "lab", *args]
    return subprocess.run(
        command, cwd=ROOT, env={**inherited_environment(), **env}, capture_output=True, text=True, timeout=120
    )


def test_help_lists_every_command_of_the_table_with_how_long_it_takes():
    shown = lab("--help")
    assert shown.returncode == 0
    listing = " ".join(shown.stdout.split("Commands:")[1].split())  # as one line, however the terminal wraps it
    for entry in COMMANDS:
        assert f"{entry.name} {entry.help} ({entry.time})." in listing


def test_a_bad_value_stops_every_command_at_start_with_one_line_naming_it():
    refused = lab("report", LOCUST_WORKERS="two")
    assert refused.returncode == 2 and refused.stdout == ""
    assert refused.stderr == "python -m lab: LOCUST_WORKERS must be a whole number, not 'two'\n"


@pytest.mark.parametrize(
    ("name", "value", "said"),
    [
        ("KNEE_ROUNDS", "0", "KNEE_ROUNDS must be a whole number of at least 1, not '0'"),
        ("MODE", "XP", "MODE must be 'CP' or 'AP', not 'XP'"),
        ("TRACE", "yes", "TRACE must be 1 (on) or 0 (off), not 'yes'"),
        ("MICRO_SECONDS", "soon", "MICRO_SECONDS must be a number of seconds, not 'soon'"),
    ],
)
def test_each_refusal_says_what_the_variable_accepts(monkeypatch, name, value, said):
    monkeypatch.setenv(name, value)
    with pytest.raises(SettingsError) as refused:
        read()
    assert str(refused.value) == said


def test_an_empty_variable_counts_as_unset_as_make_leaves_it(monkeypatch):
    monkeypatch.setenv("REPEAT", "")
    monkeypatch.setenv("DB", "")
    assert read().repeat == 1 and read().db is None


def test_settings_lists_every_variable_with_its_value_and_where_it_came_from():
    listed = lab("settings", PORT="9123", TRACE="", GUNICORN_THREADS="6", AUDIT_LOG="")
    assert listed.returncode == 0
    sections = listed.stdout.split("\n(")
    rows = [line.split() for line in listed.stdout.splitlines() if line.startswith("  ")]
    every = [variable(kind, name) for kind in every_class() for name in own_fields(kind)]
    assert sorted(row[0] for row in rows) == sorted(every)
    lab_rows = {row[0]: row[1:] for row in rows[: len(own_fields(LabSettings))]}
    assert lab_rows["PORT"][:2] == ["9123", "environment"] and lab_rows["KNEE_ROUNDS"][:2] == ["3", "default"]
    server = {row[0]: row[1:] for row in rows if row[0] in Settings.variables()}
    assert server["GUNICORN_THREADS"][:2] == ["6", "environment"] and server["TOKEN_SECRET"][1] == "default"
    assert {"AUDIT_LOG", "INTERNAL_API_KEY", "REGISTRY_KEY"} <= {row[0] for row in rows}, sections


def test_settings_names_a_server_variable_it_refuses():
    listed = lab("settings", GUNICORN_THREADS="0")
    assert listed.returncode == 2
    assert "refused: GUNICORN_THREADS must be a whole number of at least 1, not '0'" in listed.stdout


def test_a_variable_is_the_default_of_the_option_it_mirrors_and_the_option_wins(monkeypatch):
    monkeypatch.setenv("KNEE_ROUNDS", "5")
    _, _, args = command_line().main(["bench-knee"], standalone_mode=False)
    assert args.rounds == 5
    _, _, args = command_line().main(["bench-knee", "--rounds", "2"], standalone_mode=False)
    assert args.rounds == 2


def test_an_option_is_checked_as_its_variable_is():
    assert check(LabSettings, "repeat", "3") == 3
    with pytest.raises(SettingsError, match="REPEAT must be a whole number of at least 1, not 'x'"):
        check(LabSettings, "repeat", "x")
