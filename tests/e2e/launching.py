"""Helpers of the end-to-end tests: architectures started with settings of their own, seeded readers' sessions,
the lab's command line run as a terminal runs it."""

import json
import os
import signal
import subprocess
import sys
import time
from contextlib import contextmanager

import psutil
import pytest
import requests

from bookstore.internal_proof import Signer
from bookstore.settings import DEFAULT_INTERNAL_SECRET
from lab.launch import leftovers
from lab.launch.launcher import Launch
from lab.launch.ports import free_port
from lab.paths import ROOT


@contextmanager
def launched(architecture: str, run_dir, **settings: str):
    """An architecture started with extra environment settings (e.g. APP_REPLICAS=2), stopped at the end."""
    with pytest.MonkeyPatch.context() as patch:
        for name, value in settings.items():
            patch.setenv(name, value)
        with Launch(architecture, port=free_port(), run_dir=run_dir) as launch:
            yield launch


def reader_auth(base_url: str, reader: int) -> dict:
    """Authorization headers of seeded reader N, logged in through the edge."""
    body = {"email": f"reader{reader}@bookstore.test", "password": "bookstore-reader"}
    token = requests.post(f"{base_url}/api/sessions", json=body, timeout=10).json()["token"]
    return {"Authorization": f"Bearer {token}"}


GENEROUS_S = 120  # a deadline for a slow, busy machine, not a measure of speed
MAKE_OWN = ("MAKEFLAGS", "MFLAGS", "MAKELEVEL")  # what an outer `make test` passes down to a make it runs


def wait_for(condition, what: str, timeout_s: float = GENEROUS_S):
    deadline = time.monotonic() + timeout_s
    while not (found := condition()):
        assert time.monotonic() < deadline, f"not within {timeout_s} s: {what}"
        time.sleep(0.1)
    return found


def answers(url: str) -> bool:
    try:
        return requests.get(url, timeout=5).ok
    except requests.ConnectionError:
        return False


@contextmanager
def interruptible_children():
    """Children started here get SIGINT and SIGQUIT at their default, as a terminal's foreground command does.

    A shell ignores both in what it starts in the background without job control (nohup ... &), the ignoring
    survives exec, and make would then outlive a Ctrl+C: a test run launched that way must not decide the test.
    """
    ignored = [number for number in (signal.SIGINT, signal.SIGQUIT) if signal.getsignal(number) == signal.SIG_IGN]
    for number in ignored:
        signal.signal(number, signal.SIG_DFL)
    try:
        yield
    finally:
        for number in ignored:
            signal.signal(number, signal.SIG_IGN)


class Lab:
    """`python -m lab <command>`, or `make <target>`, in a child process, its run folders under a test folder.

    It runs in a session of its own, as a terminal runs a command: ctrl_c() signals its whole process group.
    """

    def __init__(self, tmp_path, *command: str, make: bool = False, **settings: str):
        self.runs, self.output = tmp_path / "runs", tmp_path / f"{command[0]}.out"
        outer = {name: value for name, value in os.environ.items() if name not in MAKE_OWN}
        self.env = {**outer, "LAB_RUNS_DIR": str(self.runs), "PORT": str(free_port()), **settings}
        program = ["make", "--no-print-directory"] if make else [sys.executable, "-m", "lab"]
        with open(self.output, "wb") as out, interruptible_children():
            self.process = subprocess.Popen(
                [*program, *command],
                cwd=ROOT,
                env=self.env,
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )

    def text(self) -> str:
        return self.output.read_text()

    def last_line(self) -> str:
        return [line for line in self.text().splitlines() if line.strip()][-1]

    def wait_up(self) -> None:
        wait_for(lambda: "Press Ctrl-C" in self.text() or self.process.poll() is not None, "the lab is up")
        assert self.process.poll() is None, self.text()

    def wait_answering(self, url: str) -> None:
        wait_for(lambda: answers(url) or self.process.poll() is not None, f"{url} answers")
        assert self.process.poll() is None, self.text()

    def started_processes(self) -> list[psutil.Process]:
        """Every process it started: the recorded groups (servers, workers, PostgreSQL and its backends) and
        whatever else runs under it now (the launcher under make, Locust)."""
        record = json.loads(next(self.runs.glob(f"*/{leftovers.RECORD}")).read_text())
        recorded = [process for group in record["groups"] for process in leftovers._members(group)]
        return [*recorded, *psutil.Process(self.process.pid).children(recursive=True)]

    def ctrl_c(self) -> None:
        os.killpg(self.process.pid, signal.SIGINT)

    def finish(self) -> int:
        return self.process.wait(GENEROUS_S)

    def kill(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()


def gone(process: psutil.Process) -> bool:
    try:
        return process.status() == psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return True


def signed(account_id: int | None = None, secret: str = DEFAULT_INTERNAL_SECRET, ttl_s: int = 30) -> dict:
    """The header of an internal call's assertion, as an edge would sign it (a negative ttl_s: expired)."""
    return Signer(secret, "tests", ttl_s=ttl_s).headers(account_id)


def refused_without_proof(method: str, url: str, **request) -> None:
    """A bare X-Account-Id, a forged assertion and an expired one are each refused with 401 in the JSON shape."""
    for headers in (
        {"X-Account-Id": "7"},
        signed(7, secret="a-forged-secret-of-at-least-32-bytes"),
        signed(7, ttl_s=-60),
    ):
        answer = requests.request(method, url, headers=headers, timeout=10, **request)
        assert answer.status_code == 401, (headers, answer.status_code, answer.text[:300])
