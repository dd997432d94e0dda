"""The report reads at a glance: a summary on top, one number format per column, a line where data is missing."""

import re

from lab.records import RunRecord
from lab.report.build import build_report
from lab.report.page import Section, Summary, Table, column_decimals, render_page
from lab.report.results import Results
from lab.report.summary import summary
from tests.run_records import run_record


def cells(html: str) -> list[str]:
    return re.findall(r'<td class="number">([^<]*)</td>', html)


def render(tmp_path, sections, box=None) -> str:
    return render_page("Report", sections, tmp_path / "index.html", "2026-12-03 10:00 UTC", box).read_text()


def test_a_column_has_one_number_format_whatever_its_values():
    assert column_decimals([6, 10.0, 24.0, None]) == 0  # whole numbers stay whole
    assert column_decimals([2, 2.67]) == 2
    assert column_decimals([3.9, 24.5, 1300.0]) == 1
    assert column_decimals([356.2, 785.9]) == 0
    assert column_decimals([0.004, 0.0123]) == 3


def test_every_cell_of_a_column_is_written_with_the_same_decimals(tmp_path):
    table = Table("Measured", ["architecture", "p95 ms", "cores"], [["a", 6, 2], ["b", 10.0, 2.67], ["c", 24.0, None]])
    html = render(tmp_path, [Section("Runs", tables=[table])])
    assert cells(html) == ["6", "2.00", "10", "2.67", "24", "–"]


def test_a_section_without_data_says_so_in_one_line_with_the_command_that_fills_it(tmp_path):
    empty = Table("The order, traced: the median of 0 visits", ["architecture", "hops"], [])
    sections = [Section("Traces", "A long introduction.", [], [empty], id="traces", missing="No traced visit yet.")]
    html = render(tmp_path, sections)
    body = html[html.index('<section id="traces">') :]
    assert '<p class="missing">No traced visit yet.</p>' in body
    assert "<table" not in body and "A long introduction." not in body
    assert '<li class="empty"><a href="#traces">Traces</a> (not run yet)</li>' in html


def test_an_empty_table_is_left_out_of_a_section_that_has_others(tmp_path):
    full = Table("Full", ["a", "n"], [["x", 1]])
    empty = Table("Nothing here", ["a", "n"], [])
    html = render(tmp_path, [Section("Mixed", "", [], [full, empty], missing="No run yet.")])
    assert "Full" in html and "Nothing here" not in html and "No run yet." not in html


def test_the_summary_box_comes_first_with_what_ran_the_headline_and_what_next(tmp_path):
    headline = Table("The headline numbers", ["architecture", "req/s"], [["monolith", 356.4]])
    box = Summary(["monolith: users-100 (1 run)"], headline, ["make bench-soa"])
    html = render(tmp_path, [Section("About", "Text.")], box)
    assert html.index('class="summary"') < html.index("<nav")
    assert "<li>monolith: users-100 (1 run)</li>" in html and "<li>make bench-soa</li>" in html
    assert "The headline numbers" in html


def run(label: str, profile: str, rps: float, steps: list | None = None) -> RunRecord:
    totals = {"throughput_rps": rps, "failures": 0, "latency_ms": {"p95": 20.0}}
    found = {"label": label, "profile": {"name": profile}, "totals": totals, "date": "2026-12-03T10:00:00Z"}
    found |= {"machine": {"cores": 2}, "git_commit": "abc1234", "cpu_ms_per_request": {"monolith": 2.5}}
    return run_record(**found, **({"steps": steps} if steps else {}))


def test_the_summary_gives_the_capacity_step_and_proposes_the_architectures_not_yet_run():
    steps = [
        {"users": 500, "throughput_rps": 170.0},
        {"users": 2000, "throughput_rps": 612.5},
        {"users": 3000, "throughput_rps": 590.0},
    ]
    runs = {
        "users-1000": [run("monolith", "users-1000", 356.4)],
        "saturation": [run("monolith", "saturation", 1, steps)],
    }
    found = summary(Results(folder=None, runs={"monolith": runs}), {"fault runs": 2})

    assert found.headline.rows == [["monolith", 356.4, 20.0, 612.5, 2000, 2.5, 0]]
    assert found.ran[0] == "monolith: users-1000, saturation (2 runs)"
    assert "fault runs: 2" in found.ran
    assert found.next_steps[0].startswith(
        "to compare, make bench-three_tier or make bench-soa or make bench-microservices"
    )
    assert not any("chaos-all" in step for step in found.next_steps)


def test_a_report_with_no_results_says_what_to_run_in_every_section_and_draws_nothing(tmp_path):
    html = build_report(tmp_path).read_text()

    assert html.count('class="missing"') >= 12
    assert "No bench run yet: run make bench-&lt;arch&gt;" in html
    assert "No fault run yet: run make chaos-all" in html and "No CAP run yet: run make cap-all" in html
    assert "<img" not in html and "<table" not in html
    assert "<li>nothing yet</li>" in html
    assert list(tmp_path.glob("*.png")) == []
