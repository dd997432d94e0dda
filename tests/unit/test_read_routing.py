"""Which server answers a read: the primary for the truth; for a read that may be stale, what the mode allows."""

import math

import pytest

from bookstore.replicas import ReadRouter
from bookstore.settings import ReadSettings

PRIMARY, FIRST, SECOND = "primary", "replica-1", "replica-2"
URLS = ("postgresql://r1/db", "postgresql://r2/db")


class KnownLag:
    """Stands for the background lag watch: lags the test sets."""

    def __init__(self, _primary, replicas):
        self.lag_ms = [0.0] * len(replicas)


def router(mode: str, urls=URLS, bound_ms: float = 100.0) -> ReadRouter:
    engines = iter([FIRST, SECOND])
    return ReadRouter(
        PRIMARY,
        ReadSettings(replica_urls=urls, mode=mode, max_staleness_ms=bound_ms),
        lambda _url: next(engines),
        watch_lag=KnownLag,
    )


def test_reads_that_need_the_truth_always_go_to_the_primary():
    for mode in ("primary", "replica", "bounded"):
        assert router(mode).engine(stale_ok=False) == PRIMARY


def test_in_primary_mode_no_replica_is_even_opened():
    assert router("primary").replicas == [] and router("primary").engine(stale_ok=True) == PRIMARY


def test_in_replica_mode_reads_that_may_be_stale_take_the_replicas_in_turn():
    replicas = router("replica")
    assert [replicas.engine(stale_ok=True) for _ in range(4)] == [FIRST, SECOND, FIRST, SECOND]


def test_in_bounded_mode_a_replica_is_used_only_while_its_lag_is_within_the_bound():
    bounded = router("bounded", bound_ms=100)
    bounded.lag.lag_ms = [250.0, 40.0]
    assert {bounded.engine(stale_ok=True) for _ in range(4)} == {SECOND}
    bounded.lag.lag_ms = [math.inf, math.inf]  # cut off: their lag cannot be known
    assert bounded.engine(stale_ok=True) == PRIMARY


def test_without_replicas_every_mode_reads_the_primary():
    assert router("replica", urls=()).engine(stale_ok=True) == PRIMARY


@pytest.mark.parametrize(
    ("variables", "message"),
    [
        ({"READS": "eventual"}, "READS must be one of"),
        ({"MAX_STALENESS_MS": "soon"}, "MAX_STALENESS_MS"),
        ({"MAX_STALENESS_MS": "-5"}, "MAX_STALENESS_MS"),
    ],
)
def test_a_bad_setting_is_refused_with_what_is_allowed(variables, message):
    with pytest.raises(ValueError, match=message):
        ReadSettings.from_environment(variables)


def test_the_settings_come_from_the_environment():
    found = ReadSettings.from_environment(
        {"DATABASE_REPLICA_URLS": "postgresql://a/x, postgresql://b/x", "READS": "bounded", "MAX_STALENESS_MS": "250"}
    )
    assert found == ReadSettings(
        replica_urls=("postgresql://a/x", "postgresql://b/x"), mode="bounded", max_staleness_ms=250.0
    )
