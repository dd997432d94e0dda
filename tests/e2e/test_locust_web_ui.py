"""`make ui-<arch>` as a class uses it: Locust's web UI against a running architecture, a swarm, then Ctrl-C."""

import re

import requests
from launching import Lab, gone, wait_for

from lab.launch.ports import free_port, port_is_free


def served(web_ui: str, requests_wanted: int) -> dict | None:
    """Locust's totals once it has counted requests_wanted requests; fails at once should any request fail."""
    rows = requests.get(f"{web_ui}/stats/requests", timeout=30).json()["stats"]
    (totals,) = [row for row in rows if row["name"] == "Aggregated"]
    assert totals["num_failures"] == 0, totals
    return totals if totals["num_requests"] >= requests_wanted else None


def test_the_web_ui_runs_a_swarm_and_ctrl_c_stops_everything_with_one_line(tmp_path):
    web_port = free_port()
    web_ui = f"http://127.0.0.1:{web_port}"
    lab = Lab(tmp_path, "ui", "monolith", LOCUST_WEB_PORT=str(web_port))
    try:
        lab.wait_up()
        lab.wait_answering(web_ui)
        form = requests.get(web_ui, timeout=30).text
        assert re.search(r'"num_users": ?100\b', form) and re.search(r'"spawn_rate": ?10(\.0)?\b', form)

        # A light swarm, not the class's 100 users: the machine running the tests may be busy with more.
        swarm = requests.post(f"{web_ui}/swarm", data={"user_count": 10, "spawn_rate": 5}, timeout=30)
        assert swarm.json()["success"], swarm.text
        wait_for(lambda: served(web_ui, requests_wanted=20), "20 requests served, none failed")
        assert requests.post(f"{web_ui}/stop", timeout=30).json()["success"]

        started = lab.started_processes()
        assert any("locust" in " ".join(process.cmdline()) for process in started)
        lab.ctrl_c()
        assert lab.finish() == 130
    finally:
        lab.kill()
    said = lab.text().split("Press Ctrl-C to stop.")[1].strip()
    assert "Traceback" not in lab.text() and len(said.splitlines()) == 1, lab.text()
    assert said.startswith("stopping monolith (sqlite)...") and "stopped monolith" in said, said
    wait_for(lambda: all(gone(process) for process in started), "the servers and Locust have stopped")
    assert port_is_free(int(lab.env["PORT"])) and port_is_free(web_port)
