"""Gunicorn settings for every server process of every architecture, so none is tuned differently."""

import os
import re
from pathlib import Path

from bookstore.edge.deadline_wsgi import guarded
from bookstore.settings import Settings

# The process's own settings, read once: a bad value stops the server here, before any worker starts.
_settings = Settings.from_environment()

bind = f"{os.environ.get('BIND_HOST', '127.0.0.1')}:{os.environ.get('PORT', '8000')}"
# One worker per core; threads let a worker overlap database and network waits.
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
worker_class = "gthread"
# The edge, where admission control is on, has threads for its bounded queue too (bookstore/edge/admission.py);
# its database pool stays one connection per working thread (Settings.database_pool_size).
threads = _settings.server_threads
# Idle keep-alive connections are parked in the worker's poller, not in a thread: 1,000
# thinking users hold 1,000 connections, so each worker must accept that many.
worker_connections = 2000
keepalive = 15
timeout = 30
graceful_timeout = 10
backlog = 2048
reuse_port = os.environ.get("REUSE_PORT") == "1"  # replicas of one component share its port
accesslog = None
errorlog = "-"
loglevel = os.environ.get("LOG_LEVEL", "warning")
proc_name = os.environ.get("COMPONENT_NAME", "bookstore")
_component = re.sub(r"-\d+$", "", proc_name)  # a replica (catalog-2) is its component


def post_worker_init(worker):
    """Trace it where TRACE=1, profile it where PROFILE_SERVERS=1, put it behind its guards (the time budget;
    admission at the edge); then mark this worker ready: the lab starts load only once every worker has loaded
    the app (otherwise keep-alive connections opened during start-up all stick to the first worker)."""
    if _settings.trace:
        from bookstore import tracing

        tracing.start(_component, _settings)
        tracing.instrument_app(worker.wsgi, _component)
    if _settings.profile_servers:
        from bookstore import profiling

        profiling.start()
    # The Flask app is traced above; the guards wrap it, so the gthread worker calls them first.
    worker.wsgi = guarded(worker.wsgi, _settings)
    ready_dir = os.environ.get("LAB_READY_DIR")
    if ready_dir:
        Path(ready_dir, str(worker.pid)).touch()


def worker_exit(_server, _worker):
    """A traced worker exports the spans it still holds before it goes; a profiled one writes its profile."""
    if _settings.trace:
        from bookstore import tracing

        tracing.stop()
    if _settings.profile_servers:
        from bookstore import profiling

        profiling.stop(proc_name, Path(_settings.profile_dir))
