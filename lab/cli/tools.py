"""The commands that are not campaigns: sending traces, the micro-bench, images, stopping, the report, the
worksheet, settings."""

import os
from pathlib import Path

from lab.launch.architectures import ARCHITECTURES
from lab.paths import RESULTS, RUNS
from lab.settings import LabSettings

MACHINES = ("machine_cpus", "database_cpus", "balancer_cpus", "machine_sizes")  # the sizes `deploy --cluster` takes


def trace_send(args, settings: LabSettings) -> int:
    from lab.trace.send import send, traces_url

    print(
        f"sent {send(args.folder, args.endpoint, settings)} batches of spans to {traces_url(args.endpoint, settings)}"
    )
    return 0


def bench_micro(_args, _settings: LabSettings) -> int:
    from lab.bench.micro.run import run_micro
    from lab.bench.micro.wrk import WrkMissing
    from lab.report.build import build_report

    try:
        failed = run_micro()
    except WrkMissing as error:
        print(error)
        return 2
    print(f"report: {build_report(RESULTS)}")
    return failed


def _cluster(args):
    """The cluster plan the options ask for, and the command that writes it; None without --cluster or --from-run."""
    from lab.cluster.plan import configuration_named
    from lab.deploy import cluster_plan
    from lab.settings import ClusterSettings

    if args.from_run:
        return cluster_plan.measured(args.from_run), f"python -m lab deploy --from-run {args.from_run}"
    if not args.cluster:
        return None
    architecture, name = args.cluster
    sizes = ClusterSettings(**{field: getattr(args, field) for field in MACHINES})
    plan = cluster_plan.planned(architecture, configuration_named(name), sizes)
    return plan, f"python -m lab deploy --cluster {architecture} {name}"


def deploy(args, _settings: LabSettings) -> int:
    from lab.deploy.files import cluster_generated, write_all

    if args.cluster and args.from_run:
        print("deploy: --cluster or --from-run, not both")
        return 2
    try:
        cluster = _cluster(args)
    except ValueError as error:
        print(f"deploy: {error}")
        return 2
    for path in write_all(cluster_generated(*cluster) if cluster else None):
        print(f"wrote {path}")
    return 0


def images(args, settings: LabSettings) -> int:
    from lab.containers import images as building
    from lab.containers import standins
    from lab.containers.engine import EngineMissing, detect

    try:
        engine = detect(settings)
    except EngineMissing as error:
        print(error)
        return 2
    stand_in = standins.ensure_bases(engine)
    architectures = [args.architecture] if args.architecture else list(ARCHITECTURES)
    building.build_images(engine, architectures, stand_in, load_generator=not args.architecture)
    return 0


def test_containers(args, _settings: LabSettings) -> int:
    from lab.containers.engine import EngineMissing
    from lab.containers.proof import prove

    try:
        return prove([args.architecture], cluster=False) if args.architecture else prove()
    except EngineMissing as error:
        print(error)
        return 2


def stop(_args, _settings: LabSettings) -> int:
    from lab.launch import leftovers

    stopped = [*leftovers.stop_launchers(RUNS), *leftovers.stop_left_behind(RUNS)]
    if os.geteuid() == 0:  # the CAP experiment's sites, should one have been killed outright
        from lab.cap.sites import leftover_sites, remove

        sites = leftover_sites()
        if sites:
            remove()
            stopped.append(f"the CAP experiment's network namespaces {', '.join(sites)}")
        from lab.cluster.cgroups import remove_left_behind

        stopped += [f"the machine {machine}" for machine in remove_left_behind()]
    for line in stopped:
        print(f"stopped {line}")
    if not stopped:
        print("nothing the lab started is running")
    return 0


def report(args, _settings: LabSettings) -> int:
    from lab.report.build import build_report

    print(f"wrote {build_report(Path(args.results) if args.results else RESULTS)}")
    return 0


def worksheet(_args, _settings: LabSettings) -> int:
    from lab.course.worksheet.command import write

    return write(RESULTS)


def check_worksheet(args, _settings: LabSettings) -> int:
    from lab.course.worksheet.checking import answers_path
    from lab.course.worksheet.command import check

    return check(answers_path(args.answers, RESULTS), RESULTS)


def settings(_args, _settings: LabSettings) -> int:
    from lab.cli.settings_listing import print_listing

    return print_listing()
