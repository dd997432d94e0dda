"""Demands that fall with load: fitted through two light loads, they find the knee where the cores run out."""

import pytest

from lab.model.calibration import Calibration
from lab.model.load_dependent import Demand, LoadDependentModel, fit, knee_at_its_speed, knee_validation
from lab.records import RunRecord, Step
from tests.saturation_runs import light_run, saturation_run, step


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


def test_the_knee_is_judged_only_on_steps_the_model_was_not_calibrated_on():
    light = light_run()
    knee_early = knee_validation(light, saturation_run(step(500, 190, 2.6), step(750, 260, 2.4), step(1000, 240, 2.4)))
    assert knee_early["knee_users"] == 750 and knee_early["before_users"] is None  # before it: the calibration step
    later = knee_validation(
        light, saturation_run(step(500, 190, 2.6), step(750, 280, 2.5), step(1000, 330, 2.4), step(1250, 320, 2.4))
    )
    assert later["knee_users"] == 1000 and later["before_users"] == 750
    assert later["predicted_p95_ms"] > 0 and later["measured_p95_ms"] == 20.0


def test_the_knee_row_shows_the_cores_its_processes_and_the_whole_machine_kept_busy():
    light = light_run()
    knee = step(750, 300, 5.5, machine_busy_cores=1.97)
    row = knee_validation(light, saturation_run(step(500, 190, 2.6), knee))
    assert row["processes_busy_cores"] == pytest.approx(300 * 0.006)  # app 5.5 ms + Locust 0.5 ms a request
    assert row["machine_busy_cores"] == 1.97
    assert (
        knee_validation(light, saturation_run(step(500, 190, 2.6), step(750, 300, 5.5)))["machine_busy_cores"] is None
    )


def test_the_knee_row_shows_the_machine_speed_during_users_100_the_first_step_and_the_knee():
    light = light_run(reference_work_ms=9.0)
    steps = [step(500, 190, 2.6, reference_work_ms=8.0), step(750, 300, 2.4, reference_work_ms=6.0)]
    assert knee_validation(light, saturation_run(*steps))["reference_work_ms"] == [9.0, 8.0, 6.0]
    assert knee_validation(light_run(), saturation_run(step(500, 190, 2.6), step(750, 300, 2.4)))[
        "reference_work_ms"
    ] == [
        None,
        None,
        None,
    ]


def halved(run: RunRecord | Step) -> RunRecord | Step:
    return run.model_copy(update={"cpu_seconds": {name: seconds / 2 for name, seconds in run.cpu_seconds.items()}})


def test_at_the_knees_speed_the_light_loads_are_rescaled_by_how_fast_the_machine_was_at_each():
    light, first, knee = light_run(), step(500, 190, 2.6), step(750, 300, 2.4)
    steady = [run.model_copy(update={"reference_work_ms": 8.0}) for run in (light, first, knee)]
    assert knee_at_its_speed(*steady) == pytest.approx(
        knee_validation(light, saturation_run(first, knee))["predicted_knee_rps"]
    )
    twice_as_fast_at_the_knee = [*steady[:2], knee.model_copy(update={"reference_work_ms": 4.0})]
    as_if_halved = knee_validation(halved(light), saturation_run(halved(first), knee))["predicted_knee_rps"]
    assert knee_at_its_speed(*twice_as_fast_at_the_knee) == pytest.approx(as_if_halved)
    assert as_if_halved > 1.9 * knee_at_its_speed(*steady)
    assert knee_at_its_speed(light, *steady[1:]) is None  # users-100 was not timed
