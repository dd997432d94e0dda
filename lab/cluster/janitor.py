"""The machines' janitor: a process that outlives its launcher, and removes the launcher's machines once the
launcher is gone, whichever way it went (a clean stop, Ctrl-C, SIGTERM, or SIGKILL, which nothing can catch).

It holds the read end of a pipe whose write end only the launcher holds: the kernel closes it when the
launcher exits, so the janitor's read returns, and it removes the run's machines and what still runs on them.
"""

import subprocess
import sys

from lab.cluster import cgroups


def start(run: str) -> subprocess.Popen:
    """A janitor for a run's machines, watching this process."""
    return subprocess.Popen(
        [sys.executable, "-m", "lab.cluster.janitor", run],
        stdin=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,  # a Ctrl-C in the terminal reaches the launcher, not the janitor
    )


def main(run: str) -> None:
    while sys.stdin.buffer.read(4096):  # the launcher writes nothing: this returns at its exit
        pass
    cgroups.remove_run(run)


if __name__ == "__main__":
    main(sys.argv[1])
