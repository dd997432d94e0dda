"""What the locustfile's helpers write while the load runs: once a second, in a greenlet of Locust's own."""

from collections.abc import Callable

import gevent


def every_second(write: Callable[[], None]) -> None:
    """Call `write` once a second, in the background, for as long as Locust runs."""

    def forever() -> None:
        while True:
            gevent.sleep(1)
            write()

    gevent.spawn(forever)
