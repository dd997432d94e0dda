"""The saturation run is named for what it does; results kept under its former name still count, once."""

from lab.bench import measure
from lab.bench.console import say_finished
from lab.load.generator import run_title
from lab.records import RunRecord, write_run
from lab.report.results import load
from loadtests.profiles import FLOOR, SATURATION, get_profile
from tests.run_records import run_record


def _keep(folder, profile_name: str, repeat: int = 1) -> None:
    folder.mkdir(parents=True)
    run = run_record(label="monolith", profile={"name": profile_name}, repeat=repeat, totals={"throughput_rps": 1})
    write_run(folder / "run.json", run)


def test_a_saturation_run_kept_under_its_former_name_is_read_as_the_saturation_run(tmp_path):
    _keep(tmp_path / "monolith" / "users-1000000", "users-1000000")

    results = load(tmp_path)

    assert [run.profile.name for run in results.repeats("monolith", SATURATION)] == [SATURATION]


def test_a_new_saturation_series_replaces_one_kept_under_the_former_name(tmp_path, monkeypatch):
    for name, repeat in (("users-1000000", 1), ("users-1000000-r2", 2), ("saturation-r2", 2)):
        _keep(tmp_path / "monolith" / name, "users-1000000" if name.startswith("users") else SATURATION, repeat)

    def fresh_run(architecture, db, profile, results, *, folder, extra, settings=None):
        _keep(folder("monolith"), profile.name, extra["repeat"])
        return folder("monolith")

    monkeypatch.setattr(measure, "run_profile", fresh_run)
    measure.run_repeat("monolith", None, get_profile(SATURATION), 1, tmp_path)

    assert sorted(path.name for path in (tmp_path / "monolith").iterdir()) == [SATURATION]


def _run(**extra) -> RunRecord:
    latency = {"p50": 3, "p95": 9}
    totals = {"requests": 900, "throughput_rps": 45.0, "latency_ms": latency, "failure_ratio": 0.0}
    generator = {"saturated": False, "cpu_share_of_one_core": 0.2}
    return run_record(totals=totals, restarted_processes={}, checks=[], load_generator=generator, **extra)


def _step(users: int, rps: float, p95: int, stop_reason: str | None = None) -> dict:
    return {"users": users, "throughput_rps": rps, "latency_ms": {"p95": p95}, "stop_reason": stop_reason}


def test_a_saturation_run_ends_with_its_capacity_not_totals_averaged_over_its_steps(capsys, tmp_path):
    steps = [_step(500, 180.0, 20), _step(1000, 350.5, 60), _step(1500, 340.0, 1300, "p95 passed 1000 ms")]

    say_finished(_run(steps=steps), "monolith saturation", tmp_path)

    printed = capsys.readouterr().out
    assert "900 requests" not in printed and "45.0 req/s" not in printed
    assert printed.splitlines()[-1] == (
        f"[monolith saturation] capacity 350.5 req/s, the most of any step (at 1,000 users, p95 60 ms); "
        f"saturated at 1,500 users -> {tmp_path}"
    )


def test_a_flat_run_ends_with_its_totals(capsys, tmp_path):
    say_finished(_run(), "soa users-100", tmp_path)

    assert capsys.readouterr().out.startswith("[soa users-100] 900 requests, 45.0 req/s, p50 3 ms, p95 9 ms")


def test_the_floor_is_named_for_what_it_is():
    assert run_title("floor", FLOOR) == "framework floor: a bare gunicorn + Flask endpoint"
    assert run_title("three_tier", get_profile("users-100")) == "three_tier users-100"
