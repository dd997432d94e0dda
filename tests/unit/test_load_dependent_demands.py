"""Demands that fall with load: fitted through two light loads, they find the knee where the cores run out."""

import pytest

from lab.model.calibration import Calibration
from lab.model.load_dependent import Demand, LoadDependentModel, fit, knee_validation
from lab.report.knee_repeats import knee_over_repeats


def test_a_demand_through_two_loads_splits_into_per_request_and_per_second_costs():
    # 1 ms per request plus 0.02 cores busy whatever the rate: 1.2 ms at 100 req/s, 1.04 ms at 500.
    found = fit((100, 0.0012), (500, 0.00104))
    assert found.per_request_s == pytest.approx(0.001) and found.per_second == pytest.approx(0.02)
    assert found.at(1000) == pytest.approx(0.00102)


def test_a_demand_that_rose_with_load_is_held_at_the_heavier_value():
    assert fit((100, 0.001), (500, 0.0012)) == Demand(0.0012)


def model(per_second: float) -> LoadDependentModel:
    base = Calibration("x", "users-100", 100, 2, 2.0, 0.0, {"app": 0.002}, 0.0005, 0.0)
    return LoadDependentModel(base, {"app": Demand(0.002, per_second)}, Demand(0.0005))


def test_the_knee_is_where_the_cores_left_after_the_per_second_costs_run_out():
    assert model(0.0).knee_rps() == pytest.approx(2 / 0.0025)
    assert model(0.1).knee_rps() == pytest.approx(1.9 / 0.0025)


def test_far_past_the_knee_the_predicted_throughput_is_the_knee_and_at_light_load_the_think_time_rules():
    heavy, _ = model(0.1).predict(5000)
    assert heavy == pytest.approx(model(0.1).knee_rps(), rel=0.01)
    light, response = model(0.1).predict(10)
    assert light == pytest.approx(10 / (2.0 + response), rel=0.01)


def step(users: int, rps: float, app_ms: float, p95: float = 20.0, mean: float = 10.0) -> dict:
    seconds = 20.0
    return {"users": users, "seconds": seconds, "requests": round(rps * seconds), "throughput_rps": rps,
            "latency_ms": {"mean": mean, "p95": p95},
            "cpu_seconds": {"app": rps * seconds * app_ms / 1000, "locust": rps * seconds * 0.0005}}  # fmt: skip


def light_run() -> dict:
    return {"label": "x", "profile": {"name": "users-100", "users": 100}, "machine": {"cores": 2},
            "totals": {"requests": 2000, "throughput_rps": 40.0, "latency_ms": {"mean": 5.0}},
            "window": {"seconds": 50.0}, "cpu_seconds": {"app": 2000 * 0.003, "locust": 2000 * 0.0005},
            "idle_cpu_share": {}}  # fmt: skip


def test_the_knee_is_judged_only_on_steps_the_model_was_not_calibrated_on():
    light = light_run()
    knee_early = knee_validation(light, {"steps": [step(500, 190, 2.6), step(750, 260, 2.4), step(1000, 240, 2.4)]})
    assert knee_early["knee_users"] == 750 and knee_early["before_users"] is None  # before it: the calibration step
    later = knee_validation(light, {"steps": [step(500, 190, 2.6), step(750, 280, 2.5), step(1000, 330, 2.4),
                                              step(1250, 320, 2.4)]})  # fmt: skip
    assert later["knee_users"] == 1000 and later["before_users"] == 750
    assert later["predicted_p95_ms"] > 0 and later["measured_p95_ms"] == 20.0


def test_the_knee_row_shows_the_cores_its_processes_and_the_whole_machine_kept_busy():
    light = light_run()
    knee = {**step(750, 300, 5.5), "machine_busy_cores": 1.97}
    row = knee_validation(light, {"steps": [step(500, 190, 2.6), knee]})
    assert row["processes_busy_cores"] == pytest.approx(300 * 0.006)  # app 5.5 ms + Locust 0.5 ms a request
    assert row["machine_busy_cores"] == 1.97
    assert knee_validation(light, {"steps": [step(500, 190, 2.6), step(750, 300, 5.5)]})["machine_busy_cores"] is None


def test_over_repeated_runs_each_predicts_its_own_knee_and_the_medians_are_compared():
    runs = [(light_run(), {"steps": [step(500, 190, 2.6), step(750, rps, 2.4), step(1000, rps - 20, 2.4)]})
            for rps in (250, 300, 280)]  # fmt: skip
    singles = [knee_validation(light, saturation) for light, saturation in runs]
    row = knee_over_repeats(runs)
    assert row["measured_knee_rps"] == 280 and row["knee_users"] == 750
    assert row["predicted_knee_rps"] == pytest.approx(singles[0]["predicted_knee_rps"])  # the same light loads
    assert row["knee_errors"] == pytest.approx([s["predicted_knee_rps"] / s["measured_knee_rps"] - 1 for s in singles])
    assert row["before_users"] is None and row["predicted_p95_ms"] is None  # each knee came right after calibration
    assert "each of 3 repeats" in row["calibrated_on"]


def test_repeats_whose_knees_came_at_different_steps_show_the_span_and_the_p95_of_those_that_had_a_step_before():
    early = (light_run(), {"steps": [step(500, 190, 2.6), step(750, 260, 2.4), step(1000, 240, 2.4)]})
    late = (light_run(), {"steps": [step(500, 190, 2.6), step(750, 280, 2.5, p95=30.0), step(1000, 330, 2.4)]})
    row = knee_over_repeats([early, late])
    assert row["knee_users"] == "750–1000" and row["before_users"] == 750 and row["measured_p95_ms"] == 30.0


def test_a_repeat_that_saturated_at_its_first_step_is_left_out_and_the_row_says_so():
    judged = (light_run(), {"steps": [step(500, 190, 2.6), step(750, 260, 2.4)]})
    row = knee_over_repeats([judged, (light_run(), {"steps": [step(500, 150, 2.9)]})])
    assert row["measured_knee_rps"] == 260 and len(row["knee_errors"]) == 1
    assert row["calibrated_on"].endswith("1 of 2 repeats; the rest saturated at their first step")


def test_a_single_run_is_judged_as_it_stands_and_none_without_steps():
    run = (light_run(), {"steps": [step(500, 190, 2.6), step(750, 260, 2.4)]})
    assert knee_over_repeats([run]) == knee_validation(*run)
    assert knee_over_repeats([(light_run(), {"steps": []})]) is None and knee_over_repeats([]) is None
