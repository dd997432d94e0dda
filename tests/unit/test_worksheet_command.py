"""make worksheet and make check-worksheet through the lab's command line, over a student's results folder."""

import pytest

import lab.i18n
from lab import cli
from lab.cli import tools
from lab.course.worksheet import page
from tests.unit.test_makefile import dry_run
from tests.worksheet_results import RIGHT, write_results


@pytest.fixture
def results(tmp_path, monkeypatch):
    """A student's results folder, the one the commands read and write."""
    folder = tmp_path / "results"
    monkeypatch.setattr(tools, "RESULTS", folder)
    monkeypatch.setattr(lab.i18n, "chosen_language", lambda: "en")  # what the commands print
    monkeypatch.setattr(page, "chosen_language", lambda: "es")  # worksheet.html's language
    return folder


def answers_file(folder, answers: dict) -> str:
    path = folder / "mine.toml"
    lines = [f'"{key}" = {value!r}'.replace("'", '"') for key, value in answers.items()]
    path.write_text("\n".join(lines) + "\n")
    return str(path)


def test_the_worksheet_is_written_in_both_languages_each_linking_to_the_other(results):
    write_results(results)

    assert cli.main(["worksheet"]) == 0

    english, spanish = (results / "worksheet.en.html").read_text(), (results / "worksheet.es.html").read_text()
    assert '<html lang="es">' in (results / "worksheet.html").read_text()  # the chosen language
    assert 'href="worksheet.es.html"' in english and 'href="worksheet.en.html"' in spanish
    assert "Worksheet: Common Architectures" in english and "Hoja de trabajo: Arquitecturas Comunes" in spanish
    assert "40 req/s, with a mean response time of 500 ms" in english  # the student's own numbers
    assert "<script" not in english and "default-src 'none'" in english
    assert english.index('id="step-1"') < english.index('id="step-9"')


def test_missing_runs_are_named_with_the_command_that_fills_them(results):
    write_results(results, with_cap=False)

    cli.main(["worksheet"])

    english = (results / "worksheet.en.html").read_text()
    assert "run make bench-monolith PROFILE=users-1000 first" in english  # 3.where needs both architectures'
    assert "run make cap-microservices MODE=AP first" in english
    assert "A tus resultados les faltan" in (results / "worksheet.es.html").read_text()


def test_the_answers_file_is_written_once_and_never_over_the_students(results):
    write_results(results)
    cli.main(["worksheet"])
    answers = results / "answers.toml"
    assert '"2.think_time" = ""' in answers.read_text() and "# 2.think_time: " in answers.read_text()

    answers.write_text('"2.think_time" = 2.0\n')
    cli.main(["worksheet"])

    assert answers.read_text() == '"2.think_time" = 2.0\n'


def test_a_right_answers_file_passes_and_a_wrong_one_fails_naming_the_expected_value(results, capsys):
    stale = write_results(results)
    right = answers_file(results, RIGHT | {"6.stale": stale})

    assert cli.main(["check-worksheet", "--answers", right]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert "2.think_time: right" in lines and "8.busiest: right" in lines and "6.stale: right" in lines
    assert "2.why_not: not checked (free text)" in lines and "9.image: unanswered" in lines
    assert any(line.startswith("1.fastest: unanswered") for line in lines)

    wrong = answers_file(results, RIGHT | {"5.knee": 300, "1.fastest": "soa"})
    assert cli.main(["check-worksheet", "--answers", wrong]) == 1
    said = capsys.readouterr().out
    assert "5.knee: wrong: expected 200 (req/s, ±10 %), from " in said
    assert "It may be off: its load generator was busy 95% of a core" in said  # its one source run is flagged
    fastest = next(line for line in said.splitlines() if line.startswith("1.fastest"))
    assert "not checked" in fastest and "make bench-microservices PROFILE=users-100" in fastest  # its run is missing


def test_a_malformed_answers_file_is_refused_with_its_line(results, capsys):
    path = results / "answers.toml"
    results.mkdir()
    path.write_text('"2.think_time" = 2.0\n"3.extra_cpu" = \n')

    assert cli.main(["check-worksheet", "--answers", str(path)]) == 2
    said = capsys.readouterr().err
    assert f"{path} is not valid TOML" in said and "line 2" in said


def test_a_missing_answers_file_says_to_run_the_worksheet_first(results, capsys):
    assert cli.main(["check-worksheet"]) == 2
    assert "run make worksheet first" in capsys.readouterr().err


def test_the_makefile_targets_reach_the_commands():
    assert "-m lab worksheet\n" in dry_run("worksheet")
    assert "-m lab check-worksheet\n" in dry_run("check-worksheet")
    assert "-m lab check-worksheet --answers mine.toml" in dry_run("check-worksheet", "ANSWERS=mine.toml")
