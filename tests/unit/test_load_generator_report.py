"""A run says when its load generator, not the server, was the bottleneck."""

from lab.load.measurement import load_generator_report


def test_a_generator_below_ninety_percent_of_a_core_is_not_saturated():
    assert load_generator_report(cpu_seconds=30, seconds=60)["saturated"] is False


def test_a_generator_above_ninety_percent_of_a_core_is_flagged_saturated():
    report = load_generator_report(cpu_seconds=57, seconds=60)
    assert report == {
        "processes": 1,
        "cpu_share_of_one_core": 0.95,
        "busiest_share_of_one_core": 0.95,
        "saturated": True,
    }


def test_the_share_is_per_generator_process():
    assert load_generator_report(cpu_seconds=100, seconds=60, processes=2)["saturated"] is False


def test_one_saturated_worker_flags_the_run_even_when_the_average_is_below_the_line():
    # Two workers at 100 % of a core and a master at 10 %: the average is 70 %, but two processes were full.
    report = load_generator_report(cpu_seconds=126, seconds=60, processes=3, busiest=60)
    assert report["cpu_share_of_one_core"] == 0.7
    assert report["busiest_share_of_one_core"] == 1.0 and report["saturated"] is True
