"""A CPU profile of each server worker, off unless PROFILE_SERVERS=1: yappi measures every thread of a
gunicorn worker (pyinstrument and cProfile see only the thread that starts them), from the worker's start
to its exit, into PROFILE_DIR/<component>-<pid>.pstat (for pstats, snakeviz) and a .txt summary beside it."""

import os
import pstats
from pathlib import Path

TOP = 40  # functions listed in the summary


def start() -> None:
    """Profile CPU time (not wall time: a thread waiting on the database costs nothing) in every thread."""
    import yappi

    yappi.set_clock_type("cpu")
    yappi.start(builtins=False, profile_threads=True)


def stop(component: str, folder: Path) -> Path | None:
    """Stop and write this worker's profile into folder; its path."""
    import yappi

    yappi.stop()
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{component}-{os.getpid()}.pstat"
    yappi.get_func_stats().save(str(path), type="pstat")
    with open(path.with_suffix(".txt"), "w") as summary:
        summary.write(f"{component}, worker {os.getpid()}: CPU seconds by function, own time first\n")
        pstats.Stats(str(path), stream=summary).sort_stats("tottime").print_stats(TOP)
        pstats.Stats(str(path), stream=summary).sort_stats("cumulative").print_stats(TOP)
    return path
