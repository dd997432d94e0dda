"""The settings that make the long experiments short for a rehearsal (make class FAST=1): each is honoured, and
left unset each keeps the experiment as planned."""

import pytest

from lab.bench.scaling import scaling_load
from lab.cap.experiment import CapTiming
from lab.chaos.experiment import Timing
from lab.settings import read
from loadtests.profiles import SCALING, get_profile


def test_scaling_profile_names_the_load_of_every_configuration(monkeypatch):
    assert scaling_load(read()) == SCALING
    monkeypatch.setenv("SCALING_PROFILE", "smoke")
    assert scaling_load(read()) == get_profile("smoke")


def test_an_unknown_scaling_profile_is_refused_naming_the_profiles(monkeypatch):
    monkeypatch.setenv("SCALING_PROFILE", "tiny")
    with pytest.raises(ValueError, match="valid profiles: .*smoke"):
        scaling_load(read())


def test_chaos_seconds_scales_every_phase_of_a_fault(monkeypatch):
    assert Timing().lasting(read().chaos_seconds) == Timing()
    monkeypatch.setenv("CHAOS_SECONDS", "12")
    short = Timing().lasting(read().chaos_seconds)
    assert short.run_s == 12 and short.down_s == pytest.approx(3)
    assert short.recovery_limit_s == Timing().recovery_limit_s  # a slow recovery is still waited for


def test_cap_seconds_scales_every_phase_of_a_cap_run(monkeypatch):
    assert CapTiming().lasting(read().cap_seconds) == CapTiming()
    monkeypatch.setenv("CAP_SECONDS", "11")
    short = CapTiming().lasting(read().cap_seconds)
    assert short.partition_s == pytest.approx(4) and short.warm_s + short.before_s == pytest.approx(4)
    assert short.converge_limit_s == CapTiming().converge_limit_s


@pytest.mark.parametrize("name", ["CHAOS_SECONDS", "CAP_SECONDS"])
def test_a_run_of_no_seconds_is_refused(monkeypatch, name):
    monkeypatch.setenv(name, "0")
    with pytest.raises(ValueError, match=name):
        read()
