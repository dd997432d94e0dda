"""Repeated runs in the report: each saturation run meets its own light run, and the knee table shows every error."""

from pathlib import Path

from lab.records import RunRecord
from lab.report import model_tables
from lab.report.results import Results
from loadtests.profiles import SATURATION
from tests.run_records import run_record


def run(profile: str, repeat: int | None, rps: float) -> RunRecord:
    found = {"label": "soa", "profile": {"name": profile}, "totals": {"throughput_rps": rps}}
    return run_record(**found) if repeat is None else run_record(**found, repeat=repeat)


def test_each_saturation_repeat_is_paired_with_the_light_run_of_the_same_repeat():
    light = [run("users-100", n, 36.0 + n) for n in (1, 2, 3)]
    saturation = [run(SATURATION, n, 200.0 + n) for n in (3, 1, 2)]
    found = Results(Path("."), runs={"soa": {"users-100": light, SATURATION: saturation}})
    paired = found.pairs("soa", "users-100", SATURATION)
    assert [(light.repeat, heavy.repeat) for light, heavy in paired] == [(3, 3), (1, 1), (2, 2)]


def test_a_saturation_repeat_without_its_own_light_run_meets_the_representative_one_and_none_without_any():
    light = [run("users-100", None, 36.0)]  # from before repeats were recorded: the first
    found = Results(Path("."), runs={"soa": {"users-100": light, SATURATION: [run(SATURATION, 2, 200.0)]}})
    assert found.pairs("soa", "users-100", SATURATION) == [(light[0], run(SATURATION, 2, 200.0))]
    assert (
        Results(Path("."), runs={"soa": {SATURATION: [run(SATURATION, 1, 200.0)]}}).pairs(
            "soa", "users-100", SATURATION
        )
        == []
    )


def test_the_knee_table_judges_the_medians_and_shows_each_repeats_error():
    row = {
        "calibrated_on": "users-100, step 500, each of 3 repeats",
        "knee_users": "750–1000",
        "measured_knee_rps": 250.0,
        "predicted_knee_rps": 260.0,
        "knee_errors": [-0.12, 0.04, 0.2],
        "processes_busy_cores": 1.8,
        "machine_busy_cores": 1.9,
        "before_users": 750,
        "measured_p95_ms": 100.0,
        "predicted_p95_ms": 95.0,
    }
    table = model_tables.knee({"soa": row})
    cells = table.rows[0]
    knee_error, by_repeat = table.headers.index("error"), table.headers.index("error, repeat by repeat")
    assert cells[knee_error] == "+4%" and cells[by_repeat] == "-12% to +20%" and cells[-1] == "yes"
    assert model_tables.knee({"soa": row | {"knee_errors": None}}).rows[0][by_repeat] is None


def test_the_knee_table_shows_the_machine_speed_and_the_knee_predicted_at_it_and_dashes_where_untimed():
    row = {
        "calibrated_on": "users-100, step 500",
        "knee_users": 750,
        "measured_knee_rps": 250.0,
        "predicted_knee_rps": 260.0,
        "processes_busy_cores": 1.8,
        "machine_busy_cores": 1.9,
        "reference_work_ms": [8.71, None, 5.46],
        "predicted_knee_rps_at_its_speed": 275.0,
        "before_users": None,
        "measured_p95_ms": None,
        "predicted_p95_ms": None,
    }
    untimed = row | {"reference_work_ms": None, "predicted_knee_rps_at_its_speed": None}
    table = model_tables.knee_machine({"soa": row, "monolith": untimed})
    column = table.headers.index("reference work ms at users-100")
    assert [cells[column:] for cells in table.rows] == [
        [8.71, None, 5.46, 275.0, "+10%"],
        [None, None, None, None, None],
    ]
    assert [cells[-1] for cells in model_tables.knee({"soa": row, "monolith": untimed}).rows] == ["no", "no"]
