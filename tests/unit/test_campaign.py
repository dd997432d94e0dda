"""make bench-all, bench-knee, demo: the plan fits its time, one failure does not stop the rest, the report follows."""

import pytest

from lab.__main__ import main
from lab.bench.campaign import Task, bench_all_tasks, demo_tasks, knee_tasks, run_campaign
from lab.launch.architectures import ARCHITECTURES


def test_bench_all_plans_every_architecture_in_under_45_minutes(tmp_path):
    tasks = bench_all_tasks(tmp_path)
    assert sum(task.estimate_s for task in tasks) < 45 * 60
    for architecture in ARCHITECTURES:
        titles = [task.title for task in tasks if task.title.startswith(architecture)]
        assert len(titles) == 3 + 5, titles  # three profiles, five scaling configurations
    assert tasks[0].title == "framework floor"


def test_repetitions_multiply_the_profile_runs(tmp_path):
    once, thrice = bench_all_tasks(tmp_path), bench_all_tasks(tmp_path, repeat=3)
    assert len(thrice) - len(once) == 2 * 3 * len(ARCHITECTURES)


def test_the_knee_campaign_runs_each_architectures_light_run_before_its_saturation_run_round_by_round(tmp_path):
    tasks = knee_tasks(tmp_path, rounds=2)
    first_round = [f"round 1/2: {a} {p}" for a in ARCHITECTURES for p in ("users-100", "users-1000000")]
    assert [task.title for task in tasks] == first_round + [t.replace("round 1/2", "round 2/2") for t in first_round]
    assert 10 * 60 < sum(task.estimate_s for task in knee_tasks(tmp_path, rounds=1)) < 25 * 60


def test_the_demo_plans_every_architecture_in_under_8_minutes(tmp_path):
    tasks = demo_tasks(tmp_path)
    assert [task.title for task in tasks[1:]] == list(ARCHITECTURES)
    assert sum(task.estimate_s for task in tasks) < 8 * 60


def test_a_failing_task_is_reported_and_the_others_still_run_then_the_report(tmp_path, capsys):
    ran = []

    def broken() -> bool:
        raise RuntimeError("port in use")

    tasks = [Task("first", 1, lambda: ran.append("first") or False), Task("broken", 1, broken),
             Task("last", 1, lambda: ran.append("last") or True)]  # fmt: skip
    code = run_campaign(tasks, tmp_path, lambda folder: folder / "index.html")
    printed = capsys.readouterr().out
    assert code == 1 and ran == ["first", "last"]
    assert "[2/3] broken" in printed and "FAILED broken: port in use" in printed
    assert "FAILED last: failed requests or a failed check" in printed
    assert f"report: {tmp_path / 'index.html'}" in printed


def test_a_knee_campaign_of_no_rounds_is_refused_naming_the_setting(capsys):
    with pytest.raises(SystemExit) as stopped:
        main(["bench-knee", "--rounds", "0"])
    assert stopped.value.code == 2 and "KNEE_ROUNDS must be a whole number of at least 1" in capsys.readouterr().err
