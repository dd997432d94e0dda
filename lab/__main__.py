"""Command line of the lab: python -m lab {run,ui,bench,charts} ..."""

import argparse
import os
import signal
import subprocess
import sys

from lab.architectures import ARCHITECTURES, DATABASES
from lab.launcher import Launch
from lab.paths import ROOT


def _stop_on_sigterm() -> None:
    def _raise(_signum, _frame):
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, _raise)


def _announce(launch: Launch) -> None:
    url = launch.base_url
    print(f"{launch.name} ({launch.db}) is up:", flush=True)
    print(f"  storefront   {url}/")
    print(f"  API          {url}/api/books")
    print(f"  contract     {url}/openapi.json")
    for name, address in launch.addresses().items():
        print(f"  component    {name:<13} {address}")
    for name, pid in launch.process_ids().items():
        print(f"  process      {name:<13} pid {pid}")
    for line in launch.architecture.status() if launch.architecture.status else []:
        print(f"  {line}")
    print(f"  logs         {launch.run_dir / 'logs'}")
    print("Press Ctrl-C to stop.", flush=True)


def run(args) -> int:
    """Start an architecture in the foreground until Ctrl-C."""
    with Launch(args.architecture, args.db) as launch:
        _announce(launch)
        try:
            signal.pause()
        except KeyboardInterrupt:
            print("\nstopping...", flush=True)
    return 0


def ui(args) -> int:
    """Start an architecture and Locust's web UI against it."""
    web_port = os.environ.get("LOCUST_WEB_PORT", "8089")
    with Launch(args.architecture, args.db) as launch:
        _announce(launch)
        print(f"  Locust UI    http://127.0.0.1:{web_port}/", flush=True)
        command = [sys.executable, "-m", "locust", "-f", str(ROOT / "loadtests" / "locustfile.py")]
        command += ["--host", launch.base_url, "--web-host", "127.0.0.1", "--web-port", web_port]
        locust = subprocess.Popen(command)
        try:
            locust.wait()
        except KeyboardInterrupt:
            locust.terminate()
            locust.wait()
            print("\nstopping...", flush=True)
    return 0


def bench(args) -> int:
    """Run the bench profiles against an architecture."""
    from lab.bench import run_bench

    return run_bench(args.architecture, args.db, args.profile)


def charts(_args) -> int:
    """Draw the charts from whatever results exist."""
    from lab.charts import draw_all

    for path in draw_all():
        print(f"wrote {path}")
    return 0


def main(argv: list[str] | None = None) -> int:
    """Parse the command line and run a command."""
    parser = argparse.ArgumentParser(prog="python -m lab", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    for name, handler in (("run", run), ("ui", ui), ("bench", bench)):
        sub = commands.add_parser(name, help=handler.__doc__)
        sub.add_argument("architecture", choices=list(ARCHITECTURES))
        sub.add_argument(
            "--db",
            choices=DATABASES,
            default=os.environ.get("DB") or None,
            help="default: the architecture's own (SQLite for the monolith, else PostgreSQL)",
        )
        sub.set_defaults(handler=handler)
    commands.choices["bench"].add_argument("--profile", default=os.environ.get("PROFILE") or None)
    commands.add_parser("charts", help=charts.__doc__).set_defaults(handler=charts)
    args = parser.parse_args(argv)
    _stop_on_sigterm()
    return args.handler(args)


if __name__ == "__main__":
    sys.exit(main())
