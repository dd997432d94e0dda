"""`make class`: the course's steps and their commands; `make class STEP=N` runs a step's demo in order.

A command that serves (make run-<arch>, make ui-<arch>) is started in its own process group and left running for
the commands after it, once it answers; the others run in the foreground. At the end the step's point_at lines
are printed and, with CLASS_HOLD (the default), the servers stay up until Ctrl-C, as a class needs them.
"""

import os
import shutil
import signal
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import requests

from lab.course.model import Shell, Step
from lab.course.steps import STEPS
from lab.i18n import _
from lab.launch.processes import stop_groups
from lab.settings import LabSettings, inherited_environment

CHECKOUT = Path(__file__).resolve().parent.parent.parent
SERVE_DEADLINE_S = 300  # a cold start seeds its data and may build PostgreSQL's cluster first
NEWMAN = CHECKOUT / "postman" / "node_modules" / ".bin" / "newman"


def listing() -> str:
    """Every step with its demo's commands, in the course's order."""
    lines = [_("The course's steps; `make class STEP=N` runs one step's demo (FAST=1 rehearses it with short runs):")]
    for step in STEPS:
        lines.append("")
        lines.append(f"{step.number}. {_(step.title)}")
        lines += [f"     {shell.command}" for shell in step.demo]
    return "\n".join(lines)


def missing_need(shell: Shell) -> str | None:
    """What this machine lacks for the command, or None."""
    checks = {
        "root": lambda: os.geteuid() == 0,
        "podman": lambda: shutil.which("podman") is not None or shutil.which("docker") is not None,
        "npm": lambda: NEWMAN.exists(),
        "haproxy": lambda: shutil.which("haproxy") is not None,
    }
    for need in shell.needs:
        if not checks[need]():
            return need
    return None


def command_line(shell: Shell, fast: bool) -> str:
    """The command as it runs: as the page shows it, with its fast words for a rehearsal or a test."""
    return " ".join([shell.command, *shell.fast]) if fast else shell.command


def _serving_url(shell: Shell, settings: LabSettings) -> str:
    path = (shell.serves or "/").format(port=settings.port, web_port=settings.locust_web_port)
    return path if path.startswith("http") else f"http://127.0.0.1:{settings.port}{path}"


def _wait_until_serving(process: subprocess.Popen, url: str) -> None:
    deadline = time.monotonic() + SERVE_DEADLINE_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(
                _("it stopped (status {status}) before answering at {url}").format(status=process.returncode, url=url)
            )
        try:
            if requests.get(url, timeout=5).ok:
                return
        except requests.RequestException:
            pass
        time.sleep(0.5)
    raise RuntimeError(_("it did not answer at {url} within {seconds} s").format(url=url, seconds=SERVE_DEADLINE_S))


@contextmanager
def _servers() -> Iterator[list[subprocess.Popen]]:
    started: list[subprocess.Popen] = []
    try:
        yield started
    finally:  # as Ctrl-C in their terminal would: each lab stops what it started, then says so
        stop_groups(started, timeout_s=90, signum=signal.SIGINT)


def run_shells(
    shells: tuple[Shell, ...], settings: LabSettings, fast: bool, hold: bool = False, point_at: tuple[str, ...] = ()
) -> int:
    """Run the commands in order; 0 if each ran and succeeded, else 1 at the first that failed."""
    with _servers() as servers:
        for shell in shells:
            line = command_line(shell, fast)
            lacking = missing_need(shell)
            if lacking:
                print(f"== {_('skipped, this machine lacks {need}:').format(need=lacking)} {line}", flush=True)
                continue
            print(f"== {line}    # {_(shell.why)}", flush=True)
            if shell.serves is None:
                status = subprocess.run(line, shell=True, cwd=CHECKOUT, env=inherited_environment()).returncode
                if status:
                    print(f"== {_('failed with status {status}:').format(status=status)} {line}", flush=True)
                    return 1
                continue
            server = subprocess.Popen(
                line, shell=True, cwd=CHECKOUT, env=inherited_environment(), start_new_session=True
            )
            servers.append(server)
            try:
                _wait_until_serving(server, _serving_url(shell, settings))
            except RuntimeError as error:
                print(f"== {line}: {error}", flush=True)
                return 1
        if point_at:
            print(f"\n{_('What to point at')}:")
            print("\n".join(f"  - {_(item)}" for item in point_at), flush=True)
        if hold and any(server.poll() is None for server in servers):
            print(_("Press Ctrl-C to stop the servers."), flush=True)
            while any(server.poll() is None for server in servers):
                time.sleep(1)
    return 0


def run_step(step: Step, settings: LabSettings, fast: bool) -> int:
    """A step's demo, then what to point at; its servers kept up until Ctrl-C with CLASS_HOLD."""
    print(_("Step {number}: {title}").format(number=step.number, title=_(step.title)), flush=True)
    return run_shells(step.demo, settings, fast, hold=settings.class_hold, point_at=step.point_at)
