"""The whole bench pipeline in miniature: servers, Locust, run.json, the saturation steps, the floor, the report."""

import json

import pytest

from lab.bench.measure import run_floor, run_profile
from lab.bench.scaling import run_configuration
from lab.report.build import build_report
from loadtests.profiles import Profile, get_profile
from tests.page_layout import WIDER_THAN_THE_PAGE


def test_the_smoke_profile_writes_results_with_no_failures(tmp_path):
    out = run_profile("monolith", "sqlite", get_profile("smoke"), results=tmp_path)
    run = json.loads((out / "run.json").read_text())
    assert out == tmp_path / "monolith" / "smoke"
    for produced in ("locust.json", "locust_stats.csv", "locust_stats_history.csv", "report.html"):
        assert (out / produced).stat().st_size > 0
    assert run["totals"]["requests"] > 0
    assert run["totals"]["failure_ratio"] == 0
    assert run["totals"]["latency_ms"]["p95"] is not None
    assert set(run["cpu_seconds"]) == {"monolith", "locust"}
    assert run["cpu_seconds"]["monolith"] > 0
    assert run["load_generator"]["saturated"] in (True, False)
    assert run["git_commit"] and run["machine"]["cores"] >= 1
    page = build_report(tmp_path)  # a smoke run is no profile the report plots: it must still build, and say so
    assert "No bench run yet: run make bench-&lt;arch&gt;" in page.read_text()
    assert not (tmp_path / "throughput_vs_users.png").exists()


def test_with_locust_workers_the_load_comes_from_a_master_and_its_workers(tmp_path, monkeypatch):
    monkeypatch.setenv("LOCUST_WORKERS", "2")
    out = run_profile("monolith", "sqlite", get_profile("smoke"), results=tmp_path)
    run = json.loads((out / "run.json").read_text())
    assert run["load_generator"]["processes"] == 3
    assert run["totals"]["requests"] > 0 and run["totals"]["failures"] == 0
    assert set(run["peak_rss_mb"]) >= {"locust", "locust-worker-1", "locust-worker-2"}
    assert set(run["cpu_seconds"]) == {"monolith", "locust"}  # workers count as the load generator


def tiny(name: str, users: int, **shape) -> Profile:
    return Profile(name, users=users, spawn_rate=50, warmup_s=2, duration_s=4, description="e2e", **shape)


@pytest.fixture(scope="module")
def bench_results(tmp_path_factory):
    """Every kind of result the report reads, from short real runs of the monolith: a bench in miniature."""
    results = tmp_path_factory.mktemp("results")
    for profile in (
        tiny("users-100", 10),
        tiny("users-1000", 30),
        tiny("saturation", 40, shape="steps", steps=(20, 40)),
    ):
        run_profile("monolith", "sqlite", profile, results)
    run_floor(results, tiny("floor", 20))
    for mode, n in (("up", 1), ("out", 2)):  # as make bench-scaling runs them, at a tiny load
        run_configuration("monolith", "sqlite", mode, n, results, tiny("scaling", 20))
    return results


def test_a_saturation_run_records_every_step_with_its_cpu_and_the_machine_speed(bench_results):
    run = json.loads((bench_results / "monolith" / "saturation" / "run.json").read_text())
    assert [step["users"] for step in run["steps"]][:1] == [20]
    for step in run["steps"]:
        assert step["requests"] > 0 and step["latency_ms"]["p95"] is not None
        assert step["cpu_seconds"]["monolith"] > 0
    assert run["reference_work_ms"] > 0  # the machine's speed, sampled from before Locust started to its end
    assert (bench_results / "monolith" / "saturation" / "reference_work.jsonl").stat().st_size > 0


def test_the_floor_and_a_scaled_out_component_are_measured(bench_results):
    floor = json.loads((bench_results / "floor" / "floor" / "run.json").read_text())
    assert floor["totals"]["requests"] > 0 and floor["totals"]["failures"] == 0
    scaled = json.loads((bench_results / "monolith" / "scaling" / "out-2" / "run.json").read_text())
    assert {"monolith-1", "monolith-2"} <= set(scaled["cpu_seconds"])


def test_the_report_built_from_real_runs_shows_every_chart_in_a_browser(bench_results, browser):
    page_path = build_report(bench_results)
    html = page_path.read_text()
    for section in (
        "hockey stick",
        "queueing model",
        "Model validation",
        "Cores needed",
        "framework floor",
        "Scaling up against scaling out",
        "Environment",
        "Method and caveats",
    ):
        assert section in html
    page = browser.new_page()
    errors, fetched = [], []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.on("request", lambda request: request.url.startswith("data:") or fetched.append(request.url))
    page.goto(page_path.as_uri())
    images = page.eval_on_selector_all("img", "imgs => imgs.map(i => i.complete && i.naturalWidth > 0)")
    assert len(images) >= 8 and all(images)  # two for users, hockey, model, cores, two for CPU, scaling
    assert errors == [] and fetched == [page_path.as_uri()]
    assert page.is_visible("section.summary") and "monolith" in page.inner_text("section.summary table")
    assert page.eval_on_selector_all("table", WIDER_THAN_THE_PAGE) == []
    page.close()
