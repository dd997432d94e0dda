"""PROFILE_SERVERS=1: every server worker leaves a CPU profile of all its threads as it stops."""

import pstats

import requests
from launching import launched


def test_each_worker_of_each_server_writes_a_profile_that_shows_the_stores_own_functions(tmp_path):
    with launched("three_tier", tmp_path / "run", PROFILE_SERVERS="1") as launch:
        for _ in range(20):
            assert requests.get(f"{launch.base_url}/api/books/7", timeout=30).status_code == 200
    profiles = sorted((tmp_path / "run" / "profiles").glob("*.pstat"))
    assert {p.name.split("-")[0] for p in profiles} == {"presentation", "application"}
    assert len(profiles) == 4  # two workers each
    functions = {name for path in profiles for (_, _, name) in pstats.Stats(str(path)).stats}
    assert "get_book" in functions  # the request threads were profiled, not only the main thread
    assert all(path.with_suffix(".txt").read_text().count("tottime") >= 1 for path in profiles)
