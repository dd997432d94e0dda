"""Counts the requests a service serves, so the bench can report internal calls per edge request.

Each worker process keeps its own count and rewrites one small file with it twice a second; the bench
sums the files of every worker at the start and the end of its measured window.
"""

import itertools
import os
import threading
import time
from pathlib import Path

from flask import Flask, request

FLUSH_EVERY_S = 0.5


def install_request_counter(app: Flask, folder: str) -> None:
    """Count every request but health checks into folder, when the lab gives one (LAB_COUNT_DIR)."""
    if not folder:
        return
    served = itertools.count(1)  # next() on itertools.count is atomic under the GIL
    latest = [0]

    @app.after_request
    def _count(response):
        if request.path != "/health":
            latest[0] = next(served)
        return response

    def _flush_forever() -> None:
        target = Path(folder, f"{os.getpid()}.count")
        while True:
            target.write_text(str(latest[0]))
            time.sleep(FLUSH_EVERY_S)

    threading.Thread(target=_flush_forever, daemon=True, name="request-counter").start()
