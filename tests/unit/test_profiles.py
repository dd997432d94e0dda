"""Unit tests for the named load profiles and the bench time budget."""

import dataclasses

import pytest

from loadtests.profiles import (
    BENCH_BUDGET_S,
    PROFILES,
    Profile,
    bench_seconds,
    get_profile,
)


@pytest.mark.parametrize("name, users", [("smoke", 10), ("users-100", 100), ("users-1000", 1000)])
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


def test_bench_of_users_100_and_users_1000_fits_in_eight_minutes_with_two_startups():
    spent = sum(get_profile(n).warmup_s + get_profile(n).duration_s for n in ("users-100", "users-1000"))
    assert spent + 2 * 30 < 8 * 60
    assert bench_seconds() == spent + 2 * 30 < BENCH_BUDGET_S


def test_every_flat_profile_reaches_full_load_before_measuring():
    for profile in PROFILES.values():
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
