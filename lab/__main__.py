"""Command line of the lab: python -m lab {run,ui,bench,scaling,bench-all,bench-knee,chaos,chaos-all,cap,trace,
trace-all,trace-send,bench-tracing,bench-micro,demo,stop,report} ..."""

import argparse
import os
import signal
import sys
import time
from pathlib import Path

from lab.launch.architectures import ARCHITECTURES, DATABASES
from lab.launch.launcher import Launch
from lab.launch.processes import spawn, stop_group
from lab.load.generator import LOCUSTFILE, locust
from lab.paths import ROOT
from topology import registry

_SIGNALLED: list[int] = []
# Where Locust's web form starts for a class: every architecture serves 100 users on 2 cores, and 10 a second
# ramps them up within a chart's first few points.
UI_USERS, UI_SPAWN_RATE = 100, 10


def _stop_on_signals() -> None:
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


def _exit_status_when_stopped(after_ctrl_c: int = 130) -> int:
    """130 after Ctrl-C, as shells expect of an interrupted command (unless told otherwise); 0 after a SIGTERM."""
    return after_ctrl_c if _SIGNALLED[:1] == [signal.SIGINT] else 0


def _stop_and_say(launch: Launch) -> None:
    began = time.monotonic()
    print(f"{chr(13) if sys.stdout.isatty() else ''}stopping {launch.name} ({launch.db})...", end="", flush=True)
    stopped = launch.stop()
    what = ", ".join(stopped) if stopped else "nothing was running"
    print(f" stopped {what} in {time.monotonic() - began:.1f} s", flush=True)


def _announce(launch: Launch, *more: str) -> None:
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
    if os.environ.get("TRACE") == "1":
        also = os.environ.get("OTEL_EXPORTER_OTLP_ENDPOINT")
        print(f"  traces       {launch.run_dir / 'traces'} (OTLP JSON){f' and {also}' if also else ''}")
    for line in more:
        print(f"  {line}")
    print("Press Ctrl-C to stop.", flush=True)


def run(args) -> int:
    """Start an architecture in the foreground until Ctrl-C or SIGTERM."""
    launch = Launch(args.architecture, args.db)
    try:
        launch.start()
        _announce(launch)
        signal.pause()
    except KeyboardInterrupt:
        _stop_and_say(launch)
        return _exit_status_when_stopped(args.ctrl_c_status)
    finally:
        launch.stop()  # after any other error too; a second stop finds nothing left
    return 0


def ui(args) -> int:
    """Start an architecture and Locust's web UI against it, its form set for a class (100 users, 10 a second)."""
    web_port = os.environ.get("LOCUST_WEB_PORT", "8089")
    launch, web_ui = Launch(args.architecture, args.db), None
    try:
        launch.start()
        _announce(launch, f"Locust UI    http://127.0.0.1:{web_port}/")
        web = ["--web-host", "127.0.0.1", "--web-port", web_port]
        form = ["--users", str(UI_USERS), "--spawn-rate", str(UI_SPAWN_RATE)]
        command = locust(str(LOCUSTFILE), launch.base_url, *web, *form, headless=False)
        # A group of its own and a log, as the servers have: Ctrl-C reaches the launcher alone, which stops
        # Locust once, so no second signal and none of Locust's closing tables come after the stop line.
        log = launch.run_dir / "logs" / "locust.log"
        web_ui = spawn(command, {**os.environ}, log)
        web_ui.wait()
        print(f"Locust's web UI ended by itself (exit status {web_ui.returncode}); see {log}", flush=True)
        _stop_and_say(launch)
        return web_ui.returncode or 1  # it is meant to run until Ctrl-C
    except KeyboardInterrupt:
        if web_ui is not None:
            stop_group(web_ui)
        _stop_and_say(launch)
        return _exit_status_when_stopped(args.ctrl_c_status)
    finally:
        if web_ui is not None and web_ui.poll() is None:
            stop_group(web_ui)
        launch.stop()


def bench(args) -> int:
    """Run the bench profiles against an architecture, then the report."""
    from lab.bench.campaign import bench_tasks, run_campaign
    from lab.paths import RESULTS
    from lab.report.build import build_report

    try:
        tasks = bench_tasks(args.architecture, args.db, args.profile, RESULTS, args.repeat)
    except ValueError as error:  # an unknown profile, named before anything starts
        print(error)
        return 2
    others = ", ".join(a for a in ARCHITECTURES if a != args.architecture)
    return run_campaign(tasks, RESULTS, build_report, then=f"make bench-<arch> for another of {others} to compare")


def scaling(args) -> int:
    """Scale an architecture's busiest component up (workers) and out (instances) under one fixed load."""
    from lab.bench.campaign import run_campaign, scaling_tasks
    from lab.paths import RESULTS
    from lab.report.build import build_report

    return run_campaign(scaling_tasks(args.architecture, args.db, RESULTS), RESULTS, build_report)


def bench_all(args) -> int:
    """Every architecture, every profile and the scaling runs, then the report (about 35 minutes)."""
    from lab.bench.campaign import bench_all_tasks, run_campaign
    from lab.paths import RESULTS
    from lab.report.build import build_report

    return run_campaign(bench_all_tasks(RESULTS, args.repeat), RESULTS, build_report)


def bench_knee(args) -> int:
    """Rounds of every architecture's users-100 and saturation run, then the knee judged over them (~13 min a round)."""
    from lab.bench.campaign import knee_tasks, run_campaign
    from lab.paths import RESULTS
    from lab.report.build import build_report

    return run_campaign(knee_tasks(RESULTS, args.rounds), RESULTS, build_report)


def demo(_args) -> int:
    """A short campaign for a class, into results/demo, then its report (under 8 minutes)."""
    from lab.bench.campaign import demo_tasks, run_campaign
    from lab.paths import RESULTS
    from lab.report.build import build_report

    then = "the measurement for the record: make bench-<arch>, or make bench-all"
    return run_campaign(demo_tasks(RESULTS / "demo"), RESULTS / "demo", build_report, then=then)


def chaos(args) -> int:
    """Stop one component (or each in turn) under 100 users, chart what kept working, check nothing was lost."""
    from lab.bench.campaign import run_campaign
    from lab.chaos.tasks import chaos_tasks
    from lab.paths import RESULTS
    from lab.report.build import build_report

    try:
        tasks = chaos_tasks([(args.architecture, args.db)], args.component)
    except ValueError as error:
        print(error)
        return 2
    return run_campaign(tasks, RESULTS, build_report)


def chaos_all(_args) -> int:
    """The fault experiment for every component of every architecture, then the report (about 20 minutes)."""
    from lab.bench.campaign import run_campaign
    from lab.chaos.tasks import chaos_tasks, every_architecture
    from lab.paths import RESULTS
    from lab.report.build import build_report

    return run_campaign(chaos_tasks(every_architecture()), RESULTS, build_report)


def replicas(args) -> int:
    """One architecture without replicas, then with one replica in each read mode, each bench profile, the report."""
    from lab.bench.campaign import run_campaign
    from lab.bench.replicas import replica_tasks
    from lab.paths import RESULTS
    from lab.report.build import build_report

    try:
        tasks = replica_tasks(args.architecture, args.db)
    except ValueError as error:
        print(error)
        return 2
    return run_campaign(tasks, RESULTS, build_report)


def cap(args) -> int:
    """Two sites, a real network partition, CP and AP side by side: what each kept available and what it cost."""
    from lab.bench.campaign import run_campaign
    from lab.cap.sites import SitesUnavailable, check_possible
    from lab.cap.tasks import cap_tasks
    from lab.paths import RESULTS
    from lab.report.build import build_report

    try:
        check_possible()
        tasks = cap_tasks(args.architectures, args.mode)
    except (SitesUnavailable, ValueError) as error:
        print(error)
        return 2
    return run_campaign(tasks, RESULTS, build_report)


def trace(args) -> int:
    """Trace a scripted visit 20 times on a fresh start; draw the median order and book page as waterfalls."""
    from lab.bench.campaign import run_campaign
    from lab.paths import RESULTS
    from lab.report.build import build_report
    from lab.trace.tasks import trace_tasks

    return run_campaign(trace_tasks([(args.architecture, args.db)]), RESULTS, build_report)


def trace_all(_args) -> int:
    """Trace every architecture in turn, then the report's "One request, four architectures" (about a minute)."""
    from lab.bench.campaign import run_campaign
    from lab.paths import RESULTS
    from lab.report.build import build_report
    from lab.trace.tasks import trace_tasks

    return run_campaign(trace_tasks(), RESULTS, build_report)


def trace_send(args) -> int:
    """Send recorded traces (OTLP JSON lines) to a collector or Jaeger: --endpoint or OTEL_EXPORTER_OTLP_ENDPOINT."""
    from lab.trace.send import send, traces_url

    print(f"sent {send(args.folder, args.endpoint)} batches of spans to {traces_url(args.endpoint)}")
    return 0


def bench_tracing(_args) -> int:
    """Every architecture at users-1000 untraced and traced, pair by pair, then the report (about 12 minutes)."""
    from lab.bench.campaign import run_campaign
    from lab.bench.tracing_cost import tracing_cost_tasks
    from lab.paths import RESULTS
    from lab.report.build import build_report

    return run_campaign(tracing_cost_tasks(), RESULTS, build_report)


def bench_micro(_args) -> int:
    """Each endpoint flat out with wrk: the floor, the hop pairs and every architecture, 3 rounds (about 13 minutes)."""
    from lab.bench.micro.run import run_micro
    from lab.bench.micro.wrk import WrkMissing
    from lab.paths import RESULTS
    from lab.report.build import build_report

    try:
        failed = run_micro()
    except WrkMissing as error:
        print(error)
        return 2
    print(f"report: {build_report(RESULTS)}")
    return failed


def images(args) -> int:
    """Build every image of one architecture, or of all (and the load generator's), as the manifests name them."""
    from lab.containers import images as building
    from lab.containers import standins
    from lab.containers.engine import EngineMissing, detect

    try:
        engine = detect()
    except EngineMissing as error:
        print(error)
        return 2
    stand_in = standins.ensure_bases(engine)
    architectures = [args.architecture] if args.architecture else list(ARCHITECTURES)
    building.build_images(engine, architectures, stand_in, load_generator=not args.architecture)
    return 0


def test_containers(_args) -> int:
    """Build every image, run each architecture's compose file, check its edge, and tabulate sizes and times."""
    from lab.containers.engine import EngineMissing
    from lab.containers.proof import prove

    try:
        return prove()
    except EngineMissing as error:
        print(error)
        return 2


def stop(_args) -> int:
    """Stop whatever the lab left running: live launchers (as Ctrl-C would), then servers whose launcher is gone."""
    from lab.launch import leftovers
    from lab.paths import RUNS

    stopped = [*leftovers.stop_launchers(RUNS), *leftovers.stop_left_behind(RUNS)]
    if os.geteuid() == 0:  # the CAP experiment's sites, should one have been killed outright
        from lab.cap.sites import leftover_sites, remove

        sites = leftover_sites()
        if sites:
            remove()
            stopped.append(f"the CAP experiment's network namespaces {', '.join(sites)}")
    for line in stopped:
        print(f"stopped {line}")
    if not stopped:
        print("nothing the lab started is running")
    return 0


def report(args) -> int:
    """Rebuild the charts and results/index.html from existing results, running nothing."""
    from lab.paths import RESULTS
    from lab.report.build import build_report

    print(f"wrote {build_report(Path(args.results) if args.results else RESULTS)}")
    return 0


def _at_least_one(name: str):
    def parse(text: str) -> int:
        if not text.isdigit() or int(text) < 1:
            raise argparse.ArgumentTypeError(f"{name} must be a whole number of at least 1, not {text!r}")
        return int(text)

    return parse


def main(argv: list[str] | None = None) -> int:
    """Parse the command line and run a command."""
    parser = argparse.ArgumentParser(prog="python -m lab", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    for name, handler in (
        ("run", run),
        ("ui", ui),
        ("bench", bench),
        ("scaling", scaling),
        ("chaos", chaos),
        ("replicas", replicas),
        ("trace", trace),
    ):
        sub = commands.add_parser(name, help=handler.__doc__)
        sub.add_argument("architecture", choices=list(ARCHITECTURES))
        sub.add_argument(
            "--db",
            choices=DATABASES,
            default=os.environ.get("DB") or None,
            help="default: the architecture's own (SQLite for the monolith, else PostgreSQL)",
        )
        sub.set_defaults(handler=handler)
    for name in ("run", "ui"):
        commands.choices[name].add_argument(
            "--ctrl-c-status",
            type=int,
            choices=(0, 130),
            default=130,
            help="exit status once Ctrl-C has stopped everything (default 130, as shells expect; make passes 0, "
            "since make dies of the same Ctrl-C, which tells the shell, and would add an error line for 130)",
        )
    commands.choices["bench"].add_argument("--profile", default=os.environ.get("PROFILE") or None)
    repeats = {
        "type": _at_least_one("REPEAT"),
        "default": os.environ.get("REPEAT") or "1",
        "help": "run each profile N times",
    }
    commands.choices["bench"].add_argument("--repeat", **repeats)
    commands.add_parser("bench-all", help=bench_all.__doc__).set_defaults(handler=bench_all)
    commands.choices["bench-all"].add_argument("--repeat", **repeats)
    commands.add_parser("bench-knee", help=bench_knee.__doc__).set_defaults(handler=bench_knee)
    commands.choices["bench-knee"].add_argument(
        "--rounds",
        type=_at_least_one("KNEE_ROUNDS"),
        default=os.environ.get("KNEE_ROUNDS") or "3",
        help="rounds of all four (default 3)",
    )
    commands.choices["chaos"].add_argument(
        "--component", default=os.environ.get("COMPONENT") or None, help="the one to stop (default: each in turn)"
    )
    commands.add_parser("chaos-all", help=chaos_all.__doc__).set_defaults(handler=chaos_all)
    commands.add_parser("demo", help=demo.__doc__).set_defaults(handler=demo)
    commands.add_parser("stop", help=stop.__doc__).set_defaults(handler=stop)
    building = commands.add_parser("images", help=images.__doc__)
    building.add_argument("architecture", nargs="?", choices=list(ARCHITECTURES))
    building.set_defaults(handler=images)
    commands.add_parser("test-containers", help=test_containers.__doc__).set_defaults(handler=test_containers)
    capping = commands.add_parser("cap", help=cap.__doc__)
    capping.add_argument("architectures", nargs="+", choices=registry.in_cap())
    capping.add_argument(
        "--mode",
        choices=["CP", "AP"],
        default=os.environ.get("MODE") or None,
        help="one mode only (default: CP, then AP)",
    )
    capping.set_defaults(handler=cap)
    commands.add_parser("trace-all", help=trace_all.__doc__).set_defaults(handler=trace_all)
    sending = commands.add_parser("trace-send", help=trace_send.__doc__)
    sending.add_argument("folder", type=Path, help="e.g. results/traces/microservices/otlp")
    sending.add_argument("--endpoint", help="OTLP/HTTP base URL (default: $OTEL_EXPORTER_OTLP_ENDPOINT or :4318)")
    sending.set_defaults(handler=trace_send)
    commands.add_parser("bench-tracing", help=bench_tracing.__doc__).set_defaults(handler=bench_tracing)
    commands.add_parser("bench-micro", help=bench_micro.__doc__).set_defaults(handler=bench_micro)
    commands.add_parser("report", help=report.__doc__).set_defaults(handler=report)
    commands.choices["report"].add_argument("--results", help="results folder (default: results/)")
    args = parser.parse_args(argv)
    if args.command in ("bench", "scaling", "bench-all", "bench-knee", "demo", "bench-tracing"):
        from lab.load.generator import workers_wanted

        try:  # a bad LOCUST_WORKERS is refused now, not after the servers have started
            workers_wanted(ROOT / "no-previous-run")
        except ValueError as error:
            parser.error(str(error))
    _stop_on_signals()
    try:
        return args.handler(args)
    except KeyboardInterrupt:  # a bench or an experiment: its launcher has stopped what it started on the way out
        print("interrupted: everything the lab started has stopped", file=sys.stderr, flush=True)
        return _exit_status_when_stopped()
    except RuntimeError as error:  # the lab's own errors: what went wrong, and where its logs are
        print(f"python -m lab {args.command}: {error}", file=sys.stderr, flush=True)
        return 1


if __name__ == "__main__":
    sys.exit(main())
