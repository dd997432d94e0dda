"""`make run-<arch>` as a class uses it: stopped by a signal, killed outright, stopped by `make stop`, started again."""

import json
import signal
import subprocess
import sys

import psutil
import pytest
import requests
from launching import GENEROUS_S, Lab, gone, wait_for

from lab.launch import launcher, leftovers
from lab.launch.launcher import Launch
from lab.launch.ports import free_port
from lab.paths import ROOT


@pytest.mark.parametrize(("signum", "status"), [(signal.SIGTERM, 0), (signal.SIGINT, 130)])
def test_a_signal_stops_everything_with_one_line_and_no_traceback(tmp_path, signum, status):
    lab = Lab(tmp_path, "run", "monolith", "--db", "postgres")
    try:
        lab.wait_up()
        started = lab.started_processes()
        lab.process.send_signal(signum)
        assert lab.finish() == status
    finally:
        lab.kill()
    said = lab.text().split("Press Ctrl-C to stop.")[1].strip()
    assert "Traceback" not in said and len(said.splitlines()) == 1, said
    assert said.startswith("stopping monolith (postgres)...") and "stopped monolith, postgres" in said, said
    assert all(gone(process) for process in started)


@pytest.mark.parametrize("target", ["run-monolith", "ui-monolith"])
def test_ctrl_c_under_make_ends_with_the_stop_line_and_make_itself_interrupted(tmp_path, target):
    web_port = free_port()
    lab = Lab(tmp_path, target, make=True, LOCUST_WEB_PORT=str(web_port))
    try:
        lab.wait_up()
        if target.startswith("ui-"):
            lab.wait_answering(f"http://127.0.0.1:{web_port}")
        started = lab.started_processes()
        lab.ctrl_c()  # as a terminal sends it: to make and the lab alike
        assert lab.finish() == -signal.SIGINT  # make dies of it, so the shell still learns of the interrupt
    finally:
        lab.kill()
    assert "Traceback" not in lab.text() and "***" not in lab.text(), lab.text()
    last = lab.last_line()
    assert last.startswith("stopping monolith (sqlite)...") and "stopped monolith" in last, lab.text()
    assert all(gone(process) for process in started)


def test_a_launcher_killed_outright_takes_every_process_it_started_with_it(tmp_path):
    lab, started = Lab(tmp_path, "run", "three_tier"), []
    try:
        lab.wait_up()
        started = lab.started_processes()
        commands = [" ".join(process.cmdline()) for process in started]
        assert any("gunicorn" in c for c in commands) and any("postgres" in c for c in commands), commands
        lab.process.kill()
        lab.process.wait()
        wait_for(lambda: all(gone(process) for process in started), "every server and PostgreSQL have stopped")
    finally:
        lab.kill()
        for process in started:
            if not gone(process):
                process.kill()


def test_make_stop_stops_a_running_lab_as_ctrl_c_would(tmp_path):
    lab = Lab(tmp_path, "run", "soa")
    try:
        lab.wait_up()
        started = lab.started_processes()
        stop = subprocess.run(
            [sys.executable, "-m", "lab", "stop"],
            cwd=ROOT,
            env=lab.env,
            capture_output=True,
            text=True,
            timeout=GENEROUS_S,
        )
        assert stop.returncode == 0 and "its launcher" in stop.stdout, stop.stdout + stop.stderr
        assert lab.finish() == 0
        assert all(gone(process) for process in started)
    finally:
        lab.kill()
    again = subprocess.run(
        [sys.executable, "-m", "lab", "stop"], cwd=ROOT, env=lab.env, capture_output=True, text=True, timeout=GENEROUS_S
    )
    assert "nothing the lab started is running" in again.stdout


def test_a_new_start_stops_what_an_earlier_run_left_behind_and_says_so(tmp_path, monkeypatch, capsys):
    left = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(300)"], start_new_session=True)
    try:
        earlier = tmp_path / "monolith-sqlite-20260101-999999999"
        earlier.mkdir()
        group = {"name": "monolith", "pid": left.pid, "started": psutil.Process(left.pid).create_time()}
        record = {"launcher": {"pid": 999_999_999, "started": 0.0}, "groups": [group]}
        (earlier / leftovers.RECORD).write_text(json.dumps(record))
        monkeypatch.setattr(launcher, "RUNS", tmp_path)
        with Launch("monolith", "sqlite", port=free_port()):
            assert left.poll() is not None  # stopped before the new servers started
        assert f"stopped what an earlier run left behind: {earlier.name}: monolith (pid {left.pid})" in (
            capsys.readouterr().err
        )
    finally:
        left.kill()
        left.wait()


def test_after_hundreds_of_short_connections_the_port_is_free_again_at_once(tmp_path):
    port = free_port()
    with Launch("monolith", "sqlite", port=port, run_dir=tmp_path / "first") as first:
        for _ in range(300):  # each closed by the server, which leaves it in TIME-WAIT on the server's port
            answer = requests.get(f"{first.base_url}/health", headers={"Connection": "close"}, timeout=30)
            assert answer.json()["status"] == "ok"
    lingering = [c for c in psutil.net_connections(kind="tcp") if c.laddr and c.laddr.port == port]
    assert any(c.status == psutil.CONN_TIME_WAIT for c in lingering)  # the case a naive port check gets wrong
    assert not any(c.status == psutil.CONN_LISTEN for c in lingering)
    with Launch("monolith", "sqlite", port=port, run_dir=tmp_path / "second") as second:
        assert requests.get(f"{second.base_url}/api/books/1", timeout=30).json()["id"] == 1
