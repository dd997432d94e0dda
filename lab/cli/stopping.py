"""How the lab stops on Ctrl-C and SIGTERM, and the exit status it gives after each."""

import signal
import sys
import time

from lab.launch.launcher import Launch

_SIGNALLED: list[int] = []


def stop_on_signals() -> None:
    """Ctrl-C and SIGTERM stop the lab cleanly: the first interrupts what runs, later ones cannot cut the stop short."""

    def while_stopping(_signum, _frame) -> None:
        print("still stopping: each server gets a few seconds to finish its requests", file=sys.stderr, flush=True)

    def first(signum, _frame) -> None:
        _SIGNALLED.append(signum)
        for each in (signal.SIGINT, signal.SIGTERM):
            signal.signal(each, while_stopping)
        raise KeyboardInterrupt

    for each in (signal.SIGINT, signal.SIGTERM):
        signal.signal(each, first)


def exit_status_when_stopped(after_ctrl_c: int = 130) -> int:
    """130 after Ctrl-C, as shells expect of an interrupted command (unless told otherwise); 0 after a SIGTERM."""
    return after_ctrl_c if _SIGNALLED[:1] == [signal.SIGINT] else 0


def stop_and_say(launch: Launch) -> None:
    """Stop an architecture, saying what stopped and how long it took."""
    began = time.monotonic()
    print(f"{chr(13) if sys.stdout.isatty() else ''}stopping {launch.name} ({launch.db})...", end="", flush=True)
    stopped = launch.stop()
    what = ", ".join(stopped) if stopped else "nothing was running"
    print(f" stopped {what} in {time.monotonic() - began:.1f} s", flush=True)
