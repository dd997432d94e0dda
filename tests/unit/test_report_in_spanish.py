"""The report in Spanish, end to end: headings, table headers, notes and numbers as Spanish writes them."""

import re

import pytest

from lab.i18n import speaking
from lab.records import write_run
from lab.report.build import build_report
from tests.run_records import run_record

ENGLISH_HEADINGS = [
    "About this page",
    "Throughput and latency against users",
    "Latency against throughput: the hockey stick",
    "Model validation",
    "Cores needed",
    "Where the CPU goes, and the framework floor",
    "Scaling up against scaling out",
    "Per endpoint and failures",
    "Method and caveats",
    "The headline numbers",
    "What was run:",
    "What to run next:",
    "Contents",
    "How to read it:",
    "(not run yet)",
    "Saturation runs, step by step",
    "Failures, restarts, memory and checks, every run",
    "No fault run yet",
    "nothing yet",
]


def run(profile: str, users: int, rps: float, **fields) -> dict:
    """A monolith run as the layout tests write one, with the figures the tables and charts read."""
    latency = {"mean": 15.0, "p50": 12.0, "p95": 20.0, "p99": 40.0}
    totals = {"throughput_rps": rps, "requests": 8000, "failures": 100, "failure_ratio": 0.0125, "latency_ms": latency}
    return {
        "architecture": "monolith",
        "label": "monolith",
        "profile": {"name": profile, "users": users},
        "totals": totals,
        "date": "2026-12-03T10:00:00Z",
        "machine": {"cores": 2},
        "git_commit": "abc1234",
        "database": "postgres",
        "window": {"start": 0.0, "end": 60.0, "seconds": 60.0},
        "cpu_seconds": {"monolith": 16.0, "postgres": 4.0, "locust": 4.0},
        "cpu_ms_per_request": {"monolith": 2.0, "postgres": 0.5, "locust": 0.5},
        **fields,
    }


def step(users: int, rps: float, latency: dict) -> dict:
    """A saturation step of 30 s with 2.5 ms of server CPU per request."""
    requests = round(30 * rps)
    cpu = {"monolith": 0.002 * requests, "postgres": 0.0005 * requests, "locust": 0.0005 * requests}
    figures = {"requests": requests, "seconds": 30.0, "cpu_seconds": cpu}
    return {"users": users, "throughput_rps": rps, "latency_ms": latency, **figures}


@pytest.fixture(scope="module")
def page(tmp_path_factory) -> str:
    results = tmp_path_factory.mktemp("results")
    steps = [
        step(500, 170.0, {"mean": 10.0, "p95": 20.0}),
        step(2000, 612.5, {"mean": 30.0, "p95": 90.0}),
        step(12000, 590.0, {"mean": 900.0, "p95": 2500.0}),
    ]
    runs = {
        "users-100": run("users-100", 100, 33.0),
        "users-1000": run("users-1000", 1000, 356.4),
        "saturation": run("saturation", 500, 1.0, steps=steps),
    }
    for name, fields in runs.items():
        folder = results / "monolith" / name
        folder.mkdir(parents=True)
        write_run(folder / "run.json", run_record(**fields))
    with speaking("es"):
        return build_report(results).read_text()


def visible(html: str) -> str:
    """The page's text as a reader sees it: no tags, no style sheet, no embedded images."""
    body = re.sub(r"<style>.*?</style>|<[^>]+>", " ", html, flags=re.S)
    return re.sub(r"\s+", " ", body)


def test_the_page_says_it_is_in_spanish(page):
    assert '<html lang="es">' in page
    assert "<title>Laboratorio de arquitecturas: informe de escalabilidad</title>" in page


def test_headings_labels_and_table_headers_are_spanish(page):
    text = visible(page)
    for spanish in (
        "Rendimiento y latencia frente a usuarios",
        "Latencia frente a rendimiento: el palo de hockey",
        "Método y advertencias",
        "Contenido",
        "Qué se ejecutó:",
        "Qué ejecutar a continuación:",
        "Cómo leerlo:",
        "Las cifras principales",
        "Ejecuciones de saturación, escalón a escalón",
        "(aún sin ejecutar)",
        "monolith: users-100, users-1000, saturation (3 ejecuciones)",
    ):
        assert spanish in text, spanish
    for header in ("arquitectura", "req/s con 1000 usuarios", "saturado porque", "proporción de fallos"):
        assert f">{header}</th>" in page, header


def test_numbers_are_written_as_spanish_writes_them(page):
    text = visible(page)
    assert "1,25%" in text  # the failure ratio, decimal comma
    assert "12.000" in text  # a saturation step's users, a full stop between thousands
    assert "1.25%" not in text and "12,000" not in text


def test_no_english_heading_the_report_translates_is_left(page):
    text = visible(page)
    left = [english for english in ENGLISH_HEADINGS if english in text]
    assert not left, left


def test_the_sections_keep_their_anchors_whatever_the_language(page):
    assert 'id="throughput-and-latency-against-users"' in page and 'href="#method-and-caveats"' in page
