"""Unit tests for the named load profiles and the bench time budget."""

import dataclasses

import pytest

from loadtests.profiles import (
    BENCH_BUDGET_S,
    BENCH_PROFILES,
    DEMO_PROFILES,
    PROFILES,
    STARTUP_ALLOWANCE_S,
    Profile,
    bench_seconds,
    get_profile,
)


@pytest.mark.parametrize("name, users", [("smoke", 10), ("users-100", 100), ("users-1000", 1000), ("saturation", 3000)])
def test_profiles_are_found_by_name(name, users):
    profile = get_profile(name)
    assert profile.name == name
    assert profile.users == users
    assert profile.description


def test_every_profile_is_keyed_by_its_own_name():
    assert all(key == profile.name for key, profile in PROFILES.items())


def test_unknown_profile_names_the_valid_ones():
    with pytest.raises(ValueError) as excinfo:
        get_profile("users-42")
    message = str(excinfo.value)
    assert "users-42" in message
    for name in PROFILES:
        assert name in message


def test_smoke_profile_takes_seconds():
    smoke = get_profile("smoke")
    assert smoke.warmup_s == 2 and smoke.duration_s == 6
    assert smoke.run_time_s <= 10


def test_one_architectures_bench_fits_its_budget_even_when_the_saturation_run_takes_every_step():
    saturation = get_profile("saturation")
    flat = sum(get_profile(n).warmup_s + get_profile(n).duration_s for n in ("users-100", "users-1000"))
    assert bench_seconds() == flat + saturation.run_time_s + 3 * STARTUP_ALLOWANCE_S < BENCH_BUDGET_S


def test_the_saturation_run_is_a_step_load_in_rising_steps():
    saturation = get_profile("saturation")
    assert saturation.shape == "steps"
    assert list(saturation.steps) == sorted(saturation.steps) and saturation.users == saturation.steps[-1]
    # Every step: its ramp from the step below, the settle time and the measured window.
    assert saturation.run_time_s == round(
        sum(
            (users - below) / saturation.spawn_rate + saturation.warmup_s + saturation.duration_s
            for below, users in zip((0, *saturation.steps), saturation.steps, strict=False)
        )
    )


def test_steps_out_of_order_are_refused():
    with pytest.raises(ValueError, match="rising order"):
        Profile("bad", users=10, spawn_rate=1, warmup_s=1, duration_s=1, description="x", shape="steps", steps=(5, 2))


def test_the_demo_runs_every_profile_of_the_bench_in_well_under_two_minutes_per_architecture():
    assert set(DEMO_PROFILES) == set(BENCH_PROFILES)
    assert sum(profile.run_time_s for profile in DEMO_PROFILES.values()) < 90


def test_every_flat_profile_reaches_full_load_before_measuring():
    for profile in [*PROFILES.values(), *DEMO_PROFILES.values()]:
        if profile.shape is None:
            assert profile.ramp_s <= profile.warmup_s, profile.name


def test_profiles_are_frozen():
    with pytest.raises(dataclasses.FrozenInstanceError):
        get_profile("smoke").users = 5


def test_a_ramp_longer_than_the_warmup_is_rejected():
    with pytest.raises(ValueError, match="ramp"):
        Profile("too-fast", users=1000, spawn_rate=10, warmup_s=30, duration_s=60, description="x")


def test_a_shaped_profile_may_leave_the_ramp_to_its_shape():
    shaped = Profile("step", users=10_000, spawn_rate=10, warmup_s=0, duration_s=600, description="x", shape="Step")
    assert shaped.shape == "Step"
    assert get_profile("users-100").shape is None
