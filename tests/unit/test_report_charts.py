"""The report's charts: each draws a PNG for typical, missing, empty and None-riddled input."""

import pytest
from matplotlib.colors import to_hex

from lab.report import style
from lab.report.capacity_charts import DATABASE_GREY, _component_rank, component_colour
from lab.report.charts import (
    cores_needed,
    cpu_breakdown,
    floor_multiples,
    latency_vs_throughput,
    model_vs_measured,
    scaling,
)
from lab.report.style import LABEL_ORDER, label_colour, ordered
from topology import registry

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def step(users, rps, mean, p95):
    return {"users": users, "throughput_rps": rps, "latency_ms": {"mean": mean, "p50": mean, "p95": p95, "p99": p95}}


def curve(cap):
    return [
        {"users": u, "throughput_rps": min(u / 10, cap), "response_ms": max(5, u / cap)} for u in (100, 1000, 10**6)
    ]


def measured(kind, spread=None):
    point = {"users": 100, "throughput_rps": 9.8, "response_ms": 6.0, "kind": kind}
    return {**point, "spread": spread} if spread else point


TYPICAL = {
    "latency_vs_throughput": lambda path: latency_vs_throughput(
        {"soa": [step(10, 20.0, 15.0, 40.0), step(100, 180.0, 90.0, 260.0)], "monolith": [step(10, 21.0, 4.0, 9.0)]},
        200,
        path,
    ),
    "model_vs_measured": lambda path: model_vs_measured(
        {
            "monolith": {
                "model": curve(800),
                "validation_model": curve(900),
                "measured": [measured("profile", {"throughput_rps": [9, 10], "response_ms": [5, 7]}), measured("step")],
            },
            "soa": {"model": curve(300), "validation_model": None, "measured": [measured("profile")]},
        },
        path,
    ),
    "cores_needed": lambda path: cores_needed(
        {
            "soa": [
                {"users": 100, "total_cores": 1, "feasible": True, "limit": None},
                {"users": 10**6, "total_cores": 900, "feasible": False, "limit": "bus"},
            ]
        },
        200,
        path,
    ),
    "cpu_breakdown": lambda path: cpu_breakdown(
        [
            {
                "label": "soa users-1000",
                "components": {"bus": 1.8, "account": 0.35, "postgres": 1.0},
                "load_generator_ms": 0.48,
                "floor_ms": 0.6,
            },
            {
                "label": "monolith users-1000",
                "components": {"monolith": 2.3},
                "load_generator_ms": 0.5,
                "floor_ms": None,
            },
        ],
        path,
    ),
    "floor_multiples": lambda path: floor_multiples(
        [{"label": "soa users-1000", "multiple": 9.3}, {"label": "monolith users-1000", "multiple": 3.9}], path
    ),
    "scaling": lambda path: scaling(
        "monolith",
        {
            "up": [
                {
                    "n": 1,
                    "throughput_rps": 300.0,
                    "p95_ms": 40.0,
                    "spread": {"throughput_rps": [280, 310], "p95_ms": [35, 48]},
                },
                {"n": 2, "throughput_rps": 520.0, "p95_ms": 30.0},
            ],
            "out": [{"n": 1, "throughput_rps": 290.0, "p95_ms": 42.0}],
        },
        2,
        path,
    ),
}

EMPTY = {
    "latency_vs_throughput": lambda path: latency_vs_throughput({}, 200, path),
    "model_vs_measured": lambda path: model_vs_measured({}, path),
    "cores_needed": lambda path: cores_needed({}, 200, path),
    "cpu_breakdown": lambda path: cpu_breakdown([], path),
    "floor_multiples": lambda path: floor_multiples([], path),
    "scaling": lambda path: scaling("soa", {}, 2, path),
}

MISSING = {
    "latency_vs_throughput": lambda path: latency_vs_throughput({"soa": [], "three_tier": None}, 200, path),
    "model_vs_measured": lambda path: model_vs_measured(
        {"soa": {"model": [], "validation_model": None, "measured": []}, "monolith": {}}, path
    ),
    "cores_needed": lambda path: cores_needed({"microservices": []}, 200, path),
    "cpu_breakdown": lambda path: cpu_breakdown([{"label": "soa users-100", "components": {}}], path),
    "floor_multiples": lambda path: floor_multiples([{"label": "soa"}], path),
    "scaling": lambda path: scaling("soa", {"up": [], "out": None}, 2, path),
}

NONES = {
    "latency_vs_throughput": lambda path: latency_vs_throughput(
        {
            "soa": [
                step(10, None, None, 40.0),
                step(None, 50.0, 12.0, None),
                {"users": 5, "latency_ms": None},
                step(50, 80.0, 20.0, 50.0),
            ],
            "monolith": None,
        },
        None,
        path,
    ),
    "model_vs_measured": lambda path: model_vs_measured(
        {
            "soa": {
                "model": [{"users": None, "throughput_rps": 5.0, "response_ms": None}, *curve(300)],
                "validation_model": None,
                "measured": [
                    {
                        "users": 100,
                        "throughput_rps": None,
                        "response_ms": 6.0,
                        "kind": None,
                        "spread": {"throughput_rps": None, "response_ms": [None, 9.0]},
                    }
                ],
            },
            "three_tier": None,
        },
        path,
    ),
    "cores_needed": lambda path: cores_needed(
        {
            "soa": [
                {"users": 100, "total_cores": None, "feasible": None, "limit": None},
                {"users": 1000, "total_cores": 3, "feasible": None, "limit": None},
            ],
            "monolith": None,
        },
        None,
        path,
        machine_cores=None,
    ),
    "cpu_breakdown": lambda path: cpu_breakdown(
        [
            {"label": None, "components": {"bus": None, "postgres": 1.0}, "load_generator_ms": None, "floor_ms": None},
            {"label": "soa", "components": None, "load_generator_ms": 0.4, "floor_ms": 0.6},
            None,
        ],
        path,
    ),
    "floor_multiples": lambda path: floor_multiples(
        [{"label": None, "multiple": 2.0}, {"label": "soa", "multiple": None}, None], path
    ),
    "scaling": lambda path: scaling(
        "soa",
        {
            "up": [
                {"n": None, "throughput_rps": 1.0, "p95_ms": 2.0},
                {"n": 2, "throughput_rps": None, "p95_ms": 3.0, "spread": None},
            ],
            "out": [{"n": 1, "throughput_rps": 4.0, "p95_ms": None, "spread": {"p95_ms": [None, None]}}],
        },
        None,
        path,
    ),
}


def assert_is_a_drawn_png(path):
    data = path.read_bytes()
    assert data.startswith(PNG_SIGNATURE)
    assert len(data) > 5_000  # a real figure with text and axes, not an empty canvas


@pytest.mark.parametrize("chart", sorted(TYPICAL))
def test_each_chart_writes_a_png_for_typical_input(chart, tmp_path):
    path = TYPICAL[chart](tmp_path / f"{chart}.png")
    assert path == tmp_path / f"{chart}.png"
    assert_is_a_drawn_png(path)


@pytest.mark.parametrize("chart", sorted(EMPTY))
def test_each_chart_writes_a_png_saying_no_data_yet_for_empty_input(chart, tmp_path):
    assert_is_a_drawn_png(EMPTY[chart](tmp_path / "nested" / f"{chart}.png"))


@pytest.mark.parametrize("chart", sorted(MISSING))
def test_each_chart_copes_with_architectures_that_have_nothing_measured(chart, tmp_path):
    assert_is_a_drawn_png(MISSING[chart](tmp_path / f"{chart}.png"))


@pytest.mark.parametrize("chart", sorted(NONES))
def test_each_chart_skips_none_values_instead_of_crashing(chart, tmp_path):
    assert_is_a_drawn_png(NONES[chart](tmp_path / f"{chart}.png"))


def test_every_chart_line_keeps_the_colour_its_architecture_declares_and_no_two_share_one():
    declared = [line for architecture in registry.ARCHITECTURES for line in architecture.charts]
    assert tuple(line.label for line in declared) == LABEL_ORDER
    assert [label_colour(line.label) for line in declared] == [line.colour for line in declared]
    assert len({to_hex(line.colour) for line in declared}) == len(declared)
    assert label_colour("soa") == label_colour("soa")
    assert label_colour("an-unknown-architecture") == label_colour("an-unknown-architecture")
    assert label_colour("an-unknown-architecture") not in {label_colour(label) for label in LABEL_ORDER}


def test_a_label_naming_an_architecture_and_more_takes_that_architectures_colour():
    assert label_colour("soa: bus") == label_colour("soa users-1000") == label_colour("soa")
    assert label_colour("monolith-postgres users-100") == label_colour("monolith-postgres") != label_colour("monolith")
    assert label_colour("soapbox") != label_colour("soa")


def test_labels_are_drawn_in_label_order_whatever_order_they_arrive_in():
    assert ordered(["zeta", "soa", "monolith", "alpha", "microservices"]) == [
        "monolith",
        "soa",
        "microservices",
        "alpha",
        "zeta",
    ]


def test_the_database_is_always_grey_and_each_process_keeps_its_colour():
    assert component_colour("postgres") == DATABASE_GREY
    assert component_colour("bus") == component_colour("bus") != DATABASE_GREY
    assert component_colour("some-new-process") == component_colour("some-new-process") != DATABASE_GREY


@pytest.mark.parametrize("architecture", registry.ARCHITECTURES, ids=lambda architecture: architecture.name)
def test_each_process_has_its_declared_colour_and_stacks_in_its_declared_order_under_the_database(architecture):
    assert [component_colour(name) for name in architecture.components] == list(architecture.components.values())
    stacked = sorted([*architecture.components, "postgres", "postgres-replica-1"], key=_component_rank)
    assert stacked == [*architecture.components, "postgres", "postgres-replica-1"]


def test_an_architecture_has_the_same_colour_in_every_chart_whichever_others_are_drawn(tmp_path, monkeypatch):
    drawn = []
    monkeypatch.setattr(style.plt, "close", drawn.append)  # keep the figures to look at their lines
    latency_vs_throughput({"soa": [step(10, 20.0, 15.0, 40.0)]}, 200, tmp_path / "a.png")
    cores_needed(
        {
            "microservices": [{"users": 100, "total_cores": 1, "feasible": True}],
            "soa": [{"users": 100, "total_cores": 2, "feasible": True}],
        },
        200,
        tmp_path / "b.png",
    )
    colours = {line.get_label(): to_hex(line.get_color()) for figure in drawn for line in figure.axes[0].get_lines()}
    expected = to_hex(registry.declared("soa").charts[0].colour)
    assert colours["soa p95"] == colours["soa mean"] == colours["soa"] == expected
    assert colours["microservices"] == to_hex(registry.declared("microservices").charts[0].colour)
    monkeypatch.undo()
    for figure in drawn:
        style.plt.close(figure)
