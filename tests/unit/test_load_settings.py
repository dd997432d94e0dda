"""The load generator's settings: its defaults as before, and a bad value refused by the variable's name."""

import pytest

from loadtests.settings import LoadSettings


def test_an_empty_environment_gives_the_load_generators_defaults():
    found = LoadSettings.from_environment({})
    assert (found.seed_accounts, found.steps, found.spawn_rate, found.settle_s, found.measure_s) == (
        1000,
        (250, 500, 1000),
        100.0,
        5.0,
        20.0,
    )
    assert (found.warmup_s, found.p95_limit_ms, found.sites, found.mark_dir, found.timeline) == (
        0.0,
        1000.0,
        (),
        "",
        "",
    )


def test_the_sites_and_the_steps_are_read_from_their_lists():
    found = LoadSettings.from_environment({"LAB_SITES": "A=http://a:8000,B=http://b:8000", "LAB_STEPS": "10,20"})
    assert dict(found.sites) == {"A": "http://a:8000", "B": "http://b:8000"}
    assert found.steps == (10, 20)


@pytest.mark.parametrize(
    ("variables", "message"),
    [
        ({"LAB_STEPS": "10,lots"}, "LAB_STEPS must be comma-separated whole numbers of users, not '10,lots'"),
        ({"LAB_STEPS": "0"}, "LAB_STEPS must be comma-separated whole numbers of users"),
        ({"LAB_SITES": "A"}, "LAB_SITES must be NAME=URL pairs"),
        ({"SEED_ACCOUNTS": "many"}, "SEED_ACCOUNTS must be a whole number, not 'many'"),
        ({"LAB_WARMUP_S": "soon"}, "LAB_WARMUP_S must be a number"),
    ],
)
def test_a_bad_value_is_refused_by_its_variable_and_what_it_accepts(variables, message):
    with pytest.raises(ValueError, match=message):
        LoadSettings.from_environment(variables)


def test_every_variable_has_a_help_text():
    assert all(name.isupper() and help for name, help in LoadSettings.variables().items())
