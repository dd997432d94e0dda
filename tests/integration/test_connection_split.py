"""The micro-bench counts how a client's connections fall on the workers of the server it drives."""

import os
import socket
import subprocess
import sys
import urllib.parse

import psutil

from lab.bench.micro import spread
from lab.launch.launcher import Launch
from lab.launch.ports import free_port

HOLD_TWO = """import socket, sys, time
held = [socket.create_connection(("127.0.0.1", int(sys.argv[1]))) for _ in range(2)]
print("connected", flush=True)
time.sleep(120)
"""


def test_each_workers_share_of_one_clients_connections_is_counted_and_no_one_elses():
    with Launch("floor", None, port=free_port()) as launch:
        port = urllib.parse.urlsplit(launch.base_url).port
        master = launch.process_ids()["floor"]
        workers = spread.workers_on(port, [master])
        assert len(workers) == 2 and all(worker.ppid() == master for worker in workers)
        other = subprocess.Popen([sys.executable, "-c", HOLD_TWO, str(port)], stdout=subprocess.PIPE, text=True)
        mine = [socket.create_connection(("127.0.0.1", port)) for _ in range(3)]
        try:
            assert other.stdout.readline().strip() == "connected"
            assert sum(spread.split_once_connected(workers, port, os.getpid(), 3)) == 3
            assert sum(spread.split_once_connected(workers, port, other.pid, 2)) == 2
        finally:
            other.kill()
            other.communicate()
            for connection in mine:
                connection.close()
        assert spread.split(workers, port, other.pid) == [0, 0]  # a client that has gone holds nothing
        assert not psutil.pid_exists(other.pid)
