"""The report page: self-contained, escaped, and every chart loads in headless Chromium with nothing fetched."""

import re

import pytest

from lab.report import model_tables
from lab.report.charts import (
    cores_needed,
    cpu_breakdown,
    floor_multiples,
    latency_vs_throughput,
    model_vs_measured,
    scaling,
)
from lab.report.page import Figure, Section, Table, render_page
from tests.page_layout import WIDER_THAN_THE_PAGE

HOSTILE = "<script>alert('caption')</script> & more"


def steps(scale):
    return [
        {"users": users, "throughput_rps": users * 2.0, "latency_ms": {"mean": scale, "p95": 3 * scale}}
        for users in (10, 100, 1000)
    ]


def charts(out):
    """One PNG of every kind from synthetic input, plus one drawn with no data at all."""
    curve = [{"users": users, "throughput_rps": users / 10, "response_ms": 8.0} for users in (100, 1000, 10_000)]
    measured = [{"users": 100, "throughput_rps": 9.9, "response_ms": 8.5, "kind": "profile"}]
    return [
        Figure(
            latency_vs_throughput({"soa": steps(20.0), "monolith": steps(5.0)}, 200, out / "hockey.png"),
            "Response time against throughput",
            "Read it left to right.\n\nThe knee is the capacity.",
        ),
        Figure(
            model_vs_measured(
                {"soa": {"model": curve, "validation_model": None, "measured": measured}}, out / "model.png"
            ),
            "Model against measurement",
        ),
        Figure(
            cores_needed(
                {"soa": [{"users": 100, "total_cores": 1, "feasible": True, "limit": None}]}, 200, out / "cores.png"
            ),
            "Cores needed",
        ),
        Figure(
            cpu_breakdown(
                [
                    {
                        "label": "soa users-1000",
                        "components": {"bus": 1.8, "postgres": 1.0},
                        "load_generator_ms": 0.5,
                        "floor_ms": 0.6,
                    }
                ],
                out / "cpu.png",
            ),
            "Where the CPU goes",
        ),
        Figure(floor_multiples([], out / "floor.png"), HOSTILE),
        Figure(
            scaling("soa: bus", {"up": [{"n": 1, "throughput_rps": 100.0, "p95_ms": 30.0}]}, 2, out / "scaling.png"),
            "Scaling up against out",
        ),
    ]


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    out = tmp_path_factory.mktemp("report")
    table = Table(
        "Measured <numbers>",
        ["label", "throughput", "share", "count"],
        [["soa", 1234.5, None, 7], ["monolith", 12.345, 0.4567, None]],
        note="A dash: nothing measured.",
    )
    sections = [
        Section("About this page", "First paragraph.\n\nSecond one, with <b>tags</b> kept as text."),
        Section("Charts", "", charts(out), [table], id="charts"),
        Section("Charts", "The same title twice still gets its own anchor."),
    ]
    return render_page("Scaling <report>", sections, out / "site" / "index.html", "2026-01-01 00:00 UTC")


def test_the_page_refers_to_nothing_outside_itself(report):
    html = report.read_text()
    assert "http://" not in html and "https://" not in html
    references = re.findall(r'(?:src|href)="([^"]*)"', html)
    assert references and all(ref.startswith(("data:", "#")) for ref in references)
    assert "<script" not in html and "@import" not in html and "url(" not in html


def test_text_is_escaped_so_a_caption_with_a_script_tag_stays_text(report):
    html = report.read_text()
    assert "&lt;script&gt;alert(&#39;caption&#39;)&lt;/script&gt; &amp; more" in html
    assert "&lt;b&gt;tags&lt;/b&gt;" in html and "<title>Scaling &lt;report&gt;</title>" in html
    assert html.count('alt="&lt;script&gt;') == 1


def test_none_shows_as_an_en_dash_and_numbers_are_formatted_for_reading(report):
    html = report.read_text()
    assert '<td class="number">1,234</td><td class="number">–</td><td class="number">7</td>' in html
    # One format per column: the throughput column's middle value is in the hundreds, so no decimals.
    assert '<td class="number">12</td><td class="number">0.457</td><td class="number">–</td>' in html


def test_every_figure_has_its_caption_as_alt_text_and_every_section_its_own_anchor(report):
    html = report.read_text()
    assert re.findall(r'<img src="data:image/png;base64,[^"]+" alt="([^"]*)"', html)[:4] == [
        "Response time against throughput",
        "Model against measurement",
        "Cores needed",
        "Where the CPU goes",
    ]
    anchors = re.findall(r'<section id="([^"]+)"', html)
    assert anchors == ["about-this-page", "charts", "charts-2"]
    assert re.findall(r'<a href="#([^"]+)"', html) == anchors


def test_every_chart_image_loads_in_a_browser_without_console_errors(browser, report):
    context = browser.new_context()
    page = context.new_page()
    requests, errors = [], []
    page.on("request", lambda request: requests.append(request.url))
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(report.as_uri(), wait_until="load")
    images = page.eval_on_selector_all("img", "images => images.map(image => [image.complete, image.naturalWidth])")
    assert len(images) == 6 and all(complete and width > 0 for complete, width in images)
    assert [url for url in requests if url != report.as_uri() and not url.startswith("data:")] == []
    page.click("nav a[href='#charts']")
    assert page.url.endswith("#charts")
    assert errors == []
    context.close()


def test_the_widest_tables_stay_within_the_page_in_a_browser(browser, tmp_path):
    knee = {
        "calibrated_on": "users-100, step 500, each of 3 repeats",
        "knee_users": "1,000–1,500",
        "measured_knee_rps": 524.2,
        "predicted_knee_rps": 460.3,
        "knee_errors": [-0.12, 0.04, 0.2],
        "processes_busy_cores": 1.8,
        "machine_busy_cores": 1.87,
        "reference_work_ms": [8.85, 8.87, 8.57],
        "predicted_knee_rps_at_its_speed": 476.0,
        "before_users": 1000,
        "measured_p95_ms": 55.0,
        "predicted_p95_ms": 28.6,
    }
    limit = "postgres: one machine of 64 cores tops out at 11,920 req/s; 1,000,000 users within 200 ms need 337,586"
    plans = [
        {
            "users": users,
            "total_cores": None,
            "feasible": False,
            "throughput": 11_920.4,
            "response_s": 82.1,
            "replicas": {"presentation": 812, "application": 1290, "postgres": 1},
            "limit": limit,
            "cores_if_database_split": 5_213,
        }
        for users in (1_000, 1_000_000)
    ]
    numbers = Table(
        "Twelve columns of long headers",
        [f"a long column header number {n}" for n in range(12)],
        [[12_345.6 * n for n in range(12)]] * 3,
    )
    labels = ("monolith-postgres", "three_tier", "microservices")
    sections = [
        Section(
            "Wide",
            "",
            [],
            [
                model_tables.knee(dict.fromkeys(labels, knee)),
                model_tables.knee_machine(dict.fromkeys(labels, knee)),
                model_tables.capacity(dict.fromkeys(labels, plans), 200),
                numbers,
            ],
        )
    ]
    page_path = render_page("Wide tables", sections, tmp_path / "index.html", "2026-12-03 10:00 UTC")
    for width in (1400, 1024):
        page = browser.new_page(viewport={"width": width, "height": 900})
        page.goto(page_path.as_uri())
        assert page.eval_on_selector_all("table", WIDER_THAN_THE_PAGE) == [], width
        page.close()
