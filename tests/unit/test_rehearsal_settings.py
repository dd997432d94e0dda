"""The settings that make the long experiments short for a rehearsal (make class FAST=1): each is honoured, and
left unset each keeps the experiment as planned."""

import pytest

from lab import settings
from lab.bench.campaign import scaling_tasks
from lab.bench.scaling import CONFIGURATIONS, chosen_configurations, scaling_load
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


def test_scaling_configurations_choose_the_runs_of_make_bench_scaling(monkeypatch):
    assert chosen_configurations(read().scaling_configurations) == list(CONFIGURATIONS)
    monkeypatch.setenv("SCALING_CONFIGURATIONS", "out-2, up-1")
    monkeypatch.setattr(settings, "at_start", read)
    monkeypatch.setattr("lab.bench.campaign.at_start", read)
    titles = [task.title for task in scaling_tasks("three_tier")]
    assert [title.split(": ")[0] for title in titles] == ["three_tier scaled up", "three_tier scaled out"]
    assert titles[0].endswith("x1") and titles[1].endswith("x2")


@pytest.mark.parametrize("names", ["up-3", "", "up-1,sideways-2"])
def test_an_unknown_scaling_configuration_is_refused_naming_those_there_are(names):
    with pytest.raises(RuntimeError, match="SCALING_CONFIGURATIONS must name configurations among up-1, up-2"):
        chosen_configurations(names)


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
