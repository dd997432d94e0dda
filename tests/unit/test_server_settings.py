"""Every server process's settings: read from the environment once, with the same defaults as ever, and a bad
value refused at start by the variable's name and what it accepts."""

import pytest

from bookstore.settings import DEFAULT_TOKEN_SECRET, ReadSettings, SeedSettings, Settings
from microservices.settings import ServiceDatabases, ServiceSettings
from soa.registration import DEFAULT_REGISTRY_KEY
from soa.settings import BusSettings, ProviderSettings
from three_tier.internal_api import DEFAULT_INTERNAL_KEY
from three_tier.settings import ThreeTierSettings

EVERY_SETTINGS = (Settings, SeedSettings, ThreeTierSettings, BusSettings, ProviderSettings, ServiceSettings)


def test_an_empty_environment_gives_the_defaults_every_server_has_always_had():
    found = Settings.from_environment({})
    assert (found.database_url, found.token_secret, found.reads.mode, found.reads.replica_urls) == (
        "",
        DEFAULT_TOKEN_SECRET,
        "primary",
        (),
    )
    assert (found.worker_threads, found.database_pool_size, found.account_check_ttl_s) == (4, 4, 30.0)
    assert not (found.sql_request_ids or found.trace or found.profile_servers)
    assert (SeedSettings.from_environment({}).books, SeedSettings.from_environment({}).accounts) == (10_000, 1_000)


def test_an_empty_variable_counts_as_unset():
    found = Settings.from_environment({"GUNICORN_THREADS": "", "TOKEN_SECRET": "", "READS": ""})
    assert (found.worker_threads, found.token_secret, found.mode) == (4, DEFAULT_TOKEN_SECRET, "primary")


def test_the_database_pool_holds_a_connection_per_thread_unless_told_otherwise():
    assert Settings.from_environment({"GUNICORN_THREADS": "8"}).database_pool_size == 8
    assert Settings.from_environment({"GUNICORN_THREADS": "8", "DB_POOL_SIZE": "2"}).database_pool_size == 2


@pytest.mark.parametrize(
    ("variables", "message"),
    [
        ({"GUNICORN_THREADS": "0"}, "GUNICORN_THREADS must be a whole number of at least 1, not '0'"),
        ({"GUNICORN_THREADS": "four"}, "GUNICORN_THREADS must be a whole number of at least 1, not 'four'"),
        ({"DB_POOL_SIZE": "-1"}, "DB_POOL_SIZE must be a whole number of at least 1"),
        ({"ACCOUNT_CHECK_TTL_S": "soon"}, "ACCOUNT_CHECK_TTL_S must be a number of seconds"),
        ({"SQL_REQUEST_IDS": "2"}, "SQL_REQUEST_IDS must be 1 or 0"),
        ({"TRACE": "please"}, "TRACE must be 1 or 0"),
    ],
)
def test_a_bad_value_is_refused_by_its_variable_and_what_it_accepts(variables, message):
    with pytest.raises(ValueError, match=message):
        Settings.from_environment(variables)


def test_every_bad_value_is_named_at_once():
    with pytest.raises(ValueError) as refused:
        Settings.from_environment({"GUNICORN_THREADS": "0", "READS": "eventual"})
    assert "GUNICORN_THREADS must be" in str(refused.value) and "READS must be one of" in str(refused.value)


def test_the_constructor_takes_values_not_the_environment(monkeypatch):
    monkeypatch.setenv("READS", "replica")
    assert ReadSettings().mode == "primary"
    assert Settings.from_environment().mode == "replica"


@pytest.mark.parametrize("settings", EVERY_SETTINGS, ids=lambda cls: cls.__name__)
def test_every_variable_is_named_in_capitals_and_has_a_help_text(settings):
    variables = settings.variables()
    assert variables and all(name.isupper() and help for name, help in variables.items()), variables


def test_the_tiers_find_and_trust_each_other_by_default_as_before():
    found = ThreeTierSettings.from_environment({})
    assert (found.app_tier_url, found.internal_api_key) == ("http://127.0.0.1:8001", DEFAULT_INTERNAL_KEY)
    assert ThreeTierSettings.from_environment({"APP_TIER_URL": "http://app:8000/"}).app_tier_url == "http://app:8000"


def test_the_bus_and_its_providers_share_the_registry_key():
    bus, provider = BusSettings.from_environment({}), ProviderSettings.from_environment({"REGISTRY_KEY": "k"})
    assert (bus.registry_key, bus.audit_log, provider.registry_key) == (DEFAULT_REGISTRY_KEY, "", "k")
    with pytest.raises(ValueError, match="PORT must be a port number, not '80a'"):
        ProviderSettings.from_environment({"PORT": "80a"})


def test_a_service_without_another_services_address_says_which_variable_is_missing():
    settings = ServiceSettings.from_environment({"CATALOG_URL": "http://catalog:8000"})
    assert settings.service_url("catalog") == "http://catalog:8000"
    with pytest.raises(ValueError, match="SHIPPING_URL must be set"):
        settings.service_url("shipping")


def test_a_bad_role_password_is_refused_without_being_repeated():
    with pytest.raises(ValueError, match="ORDERS_DB_PASSWORD must be letters, digits, - and _ only") as refused:
        ServiceDatabases.from_environment({"ORDERS_DB_PASSWORD": "s3cret'; DROP"})
    assert "s3cret" not in str(refused.value)
    assert ServiceDatabases.from_environment({"ORDERS_DB_PASSWORD": "a-b_c9"}).given_password("orders") == "a-b_c9"
