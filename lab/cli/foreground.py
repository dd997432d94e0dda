"""`python -m lab run` and `ui`: an architecture in the foreground (and Locust's web UI) until Ctrl-C or SIGTERM."""

import signal

from lab.cli.stopping import exit_status_when_stopped, stop_and_say
from lab.launch.launcher import Launch
from lab.launch.processes import spawn, stop_group
from lab.load.generator import LOCUSTFILE, locust
from lab.settings import LabSettings, inherited_environment

# Where Locust's web form starts for a class: every architecture serves 100 users on 2 cores, and 10 a second
# ramps them up within a chart's first few points.
UI_USERS, UI_SPAWN_RATE = 100, 10


def _announce(launch: Launch, settings: LabSettings, *more: str) -> None:
    url = launch.base_url
    print(f"{launch.name} ({launch.db}) is up:", flush=True)
    print(f"  storefront   {url}/")
    print(f"  API          {url}/api/books")
    print(f"  contract     {url}/openapi.json")
    for name, address in launch.addresses().items():
        print(f"  component    {name:<13} {address}")
    for name, pid in launch.process_ids().items():
        print(f"  process      {name:<13} pid {pid}")
    for line in launch.status_lines():
        print(f"  {line}")
    print(f"  logs         {launch.run_dir / 'logs'}")
    if settings.trace:
        also = settings.otel_exporter_otlp_endpoint
        print(f"  traces       {launch.run_dir / 'traces'} (OTLP JSON){f' and {also}' if also else ''}")
    for line in more:
        print(f"  {line}")
    print("Press Ctrl-C to stop.", flush=True)


def run(args, settings: LabSettings) -> int:
    """Start an architecture in the foreground until Ctrl-C or SIGTERM."""
    launch = Launch(args.architecture, args.db, lab=settings)
    try:
        launch.start()
        _announce(launch, settings)
        signal.pause()
    except KeyboardInterrupt:
        stop_and_say(launch)
        return exit_status_when_stopped(args.ctrl_c_status)
    finally:
        launch.stop()  # after any other error too; a second stop finds nothing left
    return 0


def ui(args, settings: LabSettings) -> int:
    """Start an architecture and Locust's web UI against it, its form set for a class (100 users, 10 a second)."""
    web_port = str(settings.locust_web_port)
    launch, web_ui = Launch(args.architecture, args.db, lab=settings), None
    try:
        launch.start()
        _announce(launch, settings, f"Locust UI    http://127.0.0.1:{web_port}/")
        web = ["--web-host", "127.0.0.1", "--web-port", web_port]
        form = ["--users", str(UI_USERS), "--spawn-rate", str(UI_SPAWN_RATE)]
        command = locust(str(LOCUSTFILE), launch.base_url, *web, *form, headless=False)
        # A group of its own and a log, as the servers have: Ctrl-C reaches the launcher alone, which stops
        # Locust once, so no second signal and none of Locust's closing tables come after the stop line.
        log = launch.run_dir / "logs" / "locust.log"
        web_ui = spawn(command, inherited_environment(), log)
        web_ui.wait()
        print(f"Locust's web UI ended by itself (exit status {web_ui.returncode}); see {log}", flush=True)
        stop_and_say(launch)
        return web_ui.returncode or 1  # it is meant to run until Ctrl-C
    except KeyboardInterrupt:
        if web_ui is not None:
            stop_group(web_ui)
        stop_and_say(launch)
        return exit_status_when_stopped(args.ctrl_c_status)
    finally:
        if web_ui is not None and web_ui.poll() is None:
            stop_group(web_ui)
        launch.stop()
