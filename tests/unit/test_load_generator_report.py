"""A run says when its load generator, not the server, was the bottleneck."""

from lab.measurement import load_generator_report


def test_a_generator_below_ninety_percent_of_a_core_is_not_saturated():
    assert load_generator_report(cpu_seconds=30, seconds=60)["saturated"] is False


def test_a_generator_above_ninety_percent_of_a_core_is_flagged_saturated():
    report = load_generator_report(cpu_seconds=57, seconds=60)
    assert report == {"processes": 1, "cpu_share_of_one_core": 0.95, "saturated": True}


def test_the_share_is_per_generator_process():
    assert load_generator_report(cpu_seconds=100, seconds=60, processes=2)["saturated"] is False
