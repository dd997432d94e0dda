"""The whole bench pipeline on the smoke profile: servers, Locust, run.json, charts."""

import json

from lab.bench import run_profile
from lab.charts import draw_all
from loadtests.profiles import get_profile

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


def test_the_smoke_profile_writes_results_and_a_chart_with_no_failures(tmp_path):
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
    charts = draw_all(results=tmp_path, profiles=("smoke",))
    assert charts
    for chart in charts:
        assert chart.read_bytes().startswith(PNG_MAGIC)
