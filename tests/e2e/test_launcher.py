"""The launcher starts load only on a fully booted server and leaves no process behind."""

import os
import socket

import psutil
import pytest
import requests

from lab.launch.launcher import Launch
from lab.launch.ports import free_port


def test_every_gunicorn_worker_has_booted_before_the_launcher_returns(tmp_path):
    launch = Launch("monolith", "sqlite", port=free_port(), run_dir=tmp_path / "run")
    with launch:
        master = psutil.Process(launch.process_ids()["monolith"])
        workers = {child.pid for child in master.children()}
        ready = {int(marker.name) for marker in (tmp_path / "run" / "ready" / "monolith").iterdir()}
        assert len(workers) == 2
        assert ready == workers
    assert not master.is_running()
    for pid in workers:
        assert not psutil.pid_exists(pid) or psutil.Process(pid).status() == psutil.STATUS_ZOMBIE


def test_the_postgres_variant_runs_on_a_server_given_by_database_url(tmp_path, monkeypatch):
    from lab.launch.postgres import EmbeddedPostgres

    own_server = EmbeddedPostgres(tmp_path / "pg", free_port(), tmp_path / "pg.log")
    own_server.start()
    try:
        monkeypatch.setenv("DATABASE_URL", own_server.create_database("mine"))
        with Launch("monolith", "postgres", port=free_port(), run_dir=tmp_path / "run") as launch:
            health = requests.get(f"{launch.base_url}/health", timeout=30).json()
            assert health == {"status": "ok", "architecture": "monolith", "database": "postgresql"}
            assert launch.postgres is None  # the launcher used the given server, started none of its own
            assert "/mine" in launch.database_url
    finally:
        own_server.stop()


def test_a_busy_edge_port_is_reported_clearly_with_its_listener_and_nothing_starts(tmp_path):
    with socket.socket() as squatter:
        squatter.bind(("127.0.0.1", 0))
        squatter.listen()
        port = squatter.getsockname()[1]
        with pytest.raises(RuntimeError, match=f"port {port} is in use by pid {os.getpid()}: .*pytest"):
            Launch("monolith", "sqlite", port=port, run_dir=tmp_path / "run").start()
    assert not (tmp_path / "run").exists()
