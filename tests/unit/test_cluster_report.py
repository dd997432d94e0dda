"""The cluster runs in the report: two charts from the records, and a section that says what to run without them."""

import html

from lab.model.cluster import rows
from lab.model.cluster_summary import usl
from lab.report.build import build_report
from lab.report.cluster_charts import cluster_scaling, cores_per_100rps
from tests.cluster_runs import cluster_run, configuration, write_cluster_runs

PNG = b"\x89PNG\r\n\x1a\n"
DEMANDS = {
    "monolith": {"monolith": 0.005, "postgres": 0.006, "balancer": 0.0003},
    "three_tier": {"presentation": 0.002, "application": 0.004, "postgres": 0.006, "balancer": 0.0005},
}
NAMES = ("up-1", "up-2", "out-2", "out-4", "out-2-r1")


def runs(architecture: str) -> dict:
    return {name: cluster_run(architecture, configuration(name), DEMANDS[architecture], 0.9) for name in NAMES}


def found() -> dict:
    return {run["up-1"].label: rows(run) for run in map(runs, DEMANDS)}


def test_the_scaling_chart_and_the_cores_chart_are_drawn_from_cluster_records(tmp_path):
    measured = found()
    fits = {label: usl(taken) for label, taken in measured.items()}

    scaling = cluster_scaling(measured, fits, tmp_path / "cluster_scaling.png")
    cores = cores_per_100rps(measured, tmp_path / "cluster_cores_per_100rps.png")

    for path in (scaling, cores):
        assert path.read_bytes().startswith(PNG) and path.stat().st_size > 20_000


def test_the_charts_say_no_data_rather_than_fail_without_runs(tmp_path):
    assert cluster_scaling({}, {}, tmp_path / "a.png").read_bytes().startswith(PNG)
    assert cores_per_100rps({"three_tier": []}, tmp_path / "b.png").read_bytes().startswith(PNG)


def test_the_section_shows_charts_tables_fit_and_where_scaling_stops(tmp_path):
    for architecture in DEMANDS:
        write_cluster_runs(tmp_path, architecture, runs(architecture))

    page = html.unescape(build_report(tmp_path).read_text())

    section = page.split("Machines of their own: scaling out, measured</h2>")[1].split("<h2")[0]
    assert section.count("<img") == 2 and 'class="missing"' not in section
    assert "monolith-postgres: each configuration measured, and predicted from up-1" in section
    assert "three_tier: each configuration measured, and predicted from up-1" in section
    assert "The Universal Scalability Law fitted to scaling out" in section
    # three tiers: out-4 reaches 50 × 0.9 req/s against 20 × 0.9 on one machine, 2.5× of 4×, held by the database
    where = next(line for line in section.split("<p>") if line.startswith("three_tier: "))
    assert "Scaling out stops at out-4: 2.5× against an ideal 4×; the bottleneck is postgres" in where
    assert {"cluster_scaling.png", "cluster_cores_per_100rps.png"} <= {p.name for p in tmp_path.glob("*.png")}


def test_without_cluster_runs_the_section_names_the_command_that_fills_it(tmp_path):
    page = html.unescape(build_report(tmp_path).read_text())

    section = page.split("Machines of their own: scaling out, measured</h2>")[1].split("<h2")[0]
    assert "No cluster run yet: run make bench-cluster ARCH=<arch> (about 10 minutes)." in section
    assert "<img" not in section and not (tmp_path / "cluster_scaling.png").exists()
