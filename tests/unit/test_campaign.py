"""make bench-all, bench-knee, demo: the plan fits its time, one failure does not stop the rest, the report follows."""

from pathlib import Path

import pytest

from lab.__main__ import main
from lab.bench.campaign import Task, bench_all_tasks, bench_tasks, demo_tasks, knee_tasks, run_campaign
from lab.cli import command_line
from lab.cli.campaigns import demo
from lab.settings import SettingsError, read
from topology import registry


def test_bench_all_plans_every_architecture_in_under_45_minutes(tmp_path):
    tasks = bench_all_tasks(tmp_path)
    assert sum(task.estimate_s for task in tasks) < 45 * 60
    for architecture in registry.names():
        titles = [task.title for task in tasks if task.title.startswith(architecture)]
        assert len(titles) == 3 + 5, titles  # three profiles, five scaling configurations
    assert tasks[0].title == "framework floor"


def test_repetitions_multiply_the_profile_runs(tmp_path):
    once, thrice = bench_all_tasks(tmp_path), bench_all_tasks(tmp_path, repeat=3)
    assert len(thrice) - len(once) == 2 * 3 * len(registry.names())


def test_the_knee_campaign_runs_each_architectures_light_run_before_its_saturation_run_round_by_round(tmp_path):
    tasks = knee_tasks(tmp_path, rounds=2)
    first_round = [f"round 1/2: {a} {p}" for a in registry.names() for p in ("users-100", "saturation")]
    assert [task.title for task in tasks] == first_round + [t.replace("round 1/2", "round 2/2") for t in first_round]
    assert 10 * 60 < sum(task.estimate_s for task in knee_tasks(tmp_path, rounds=1)) < 25 * 60


def test_the_demo_plans_every_architecture_in_under_8_minutes(tmp_path):
    tasks = demo_tasks(tmp_path)
    assert [task.title for task in tasks[1:]] == list(registry.names())
    assert sum(task.estimate_s for task in tasks) < 8 * 60


def test_demo_architectures_runs_the_floor_and_only_those_named_in_about_two_minutes(monkeypatch, tmp_path):
    monkeypatch.setenv("DEMO_ARCHITECTURES", "monolith, soa")
    _, _, args = command_line().main(["demo"], standalone_mode=False)
    assert [task.title for task in demo(args)] == ["framework floor", "monolith", "soa"]
    one = demo_tasks(tmp_path, ("monolith",))
    assert [task.title for task in one] == ["framework floor", "monolith"]
    assert sum(task.estimate_s for task in one) < 3 * 60


def test_an_unknown_demo_architecture_is_refused_naming_the_architectures_there_are(monkeypatch, capsys):
    monkeypatch.setenv("DEMO_ARCHITECTURES", "monolith,mainframe")
    with pytest.raises(SettingsError, match="DEMO_ARCHITECTURES must name architectures among monolith, three_tier"):
        read()
    monkeypatch.delenv("DEMO_ARCHITECTURES")  # the option alone: checked as its variable is
    with pytest.raises(SystemExit) as stopped:
        main(["demo", "--architectures", "mainframe"])
    assert stopped.value.code == 2 and "not 'mainframe'" in capsys.readouterr().err
    with pytest.raises(ValueError, match="unknown architecture 'mainframe'; choose one of monolith"):
        demo_tasks(Path("unused"), ("mainframe",))


def test_a_failing_task_is_reported_and_the_others_still_run_then_the_report(tmp_path, capsys):
    ran = []

    def broken() -> bool:
        raise RuntimeError("port in use")

    tasks = [
        Task("first", 1, lambda: ran.append("first") or False),
        Task("broken", 1, broken),
        Task("last", 1, lambda: ran.append("last") or True),
    ]
    code = run_campaign(tasks, tmp_path, lambda folder: folder / "index.html")
    printed = capsys.readouterr().out
    assert code == 1 and ran == ["first", "last"]
    assert "=== run 2 of 3: broken |" in printed and "FAILED broken: port in use" in printed
    assert "FAILED last: failed requests or a failed check" in printed
    assert f"report: {tmp_path / 'index.html'}" in printed


def test_a_knee_campaign_of_no_rounds_is_refused_naming_the_setting(capsys):
    with pytest.raises(SystemExit) as stopped:
        main(["bench-knee", "--rounds", "0"])
    assert stopped.value.code == 2 and "KNEE_ROUNDS must be a whole number of at least 1" in capsys.readouterr().err


def test_one_architectures_bench_runs_each_profile_then_the_floor_and_says_what_is_left(tmp_path, capsys):
    tasks = bench_tasks("soa", None, None, tmp_path)
    assert [task.title for task in tasks] == ["soa users-100", "soa users-1000", "soa saturation", "framework floor"]
    assert 5 * 60 < sum(task.estimate_s for task in tasks) < 10 * 60
    ran = [Task(task.title, task.estimate_s, lambda: False) for task in tasks]

    assert run_campaign(ran, tmp_path, lambda folder: folder / "index.html", then="make bench-<arch>") == 0

    printed = capsys.readouterr().out.splitlines()
    progress = [line for line in printed if line.startswith("=== run ")]
    assert progress[1].startswith("=== run 2 of 4: soa users-1000 |") and "min left ===" in progress[1]
    assert printed[-1] == f"next: open {tmp_path / 'index.html'} in a browser; make bench-<arch>"


def test_a_bench_of_one_profile_repeated_has_no_floor_and_names_each_repeat(tmp_path):
    tasks = bench_tasks("monolith", "postgres", "users-100", tmp_path, repeat=2)
    assert [task.title for task in tasks] == [
        "monolith (postgres) users-100 (repeat 1/2)",
        "monolith (postgres) users-100 (repeat 2/2)",
    ]


def test_an_unknown_profile_is_refused_before_anything_starts(tmp_path):
    with pytest.raises(ValueError, match="unknown load profile 'users-10'"):
        bench_tasks("monolith", None, "users-10", tmp_path)


def test_a_report_that_fails_is_named_and_the_next_step_is_to_mend_it(tmp_path, capsys):
    def broken_report(_folder):
        raise ValueError("no font")

    assert run_campaign([Task("only", 1, lambda: False)], tmp_path, broken_report) == 1
    printed = capsys.readouterr().out
    assert "FAILED report: no font" in printed
    assert printed.splitlines()[-1] == "next: make report, once the error above is mended"
