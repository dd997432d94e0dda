"""The campaign commands: each plans its tasks, and all of them run the plan one way (lab/bench/campaign.py)."""

from lab.launch.architectures import ARCHITECTURES
from lab.paths import RESULTS
from lab.settings import LabSettings
from topology import registry


def bench(args) -> list:
    from lab.bench.campaign import bench_tasks

    return bench_tasks(args.architecture, args.db, args.profile, RESULTS, args.repeat)


def bench_then(args) -> str:
    others = ", ".join(a for a in ARCHITECTURES if a != args.architecture)
    return f"make bench-<arch> for another of {others} to compare"


def scaling(args) -> list:
    from lab.bench.campaign import scaling_tasks

    return scaling_tasks(args.architecture, args.db, RESULTS)


def cluster(args) -> list:
    from lab.cluster.bench import cluster_tasks

    return cluster_tasks(list(args.architectures) or registry.names(), RESULTS)


def bench_open(args) -> list:
    from lab.bench.open_loop import open_tasks

    return open_tasks([(args.architecture, args.db)], "staircase", RESULTS)


def overload(args) -> list:
    from lab.bench.open_loop import open_tasks

    return open_tasks([(name, None) for name in list(args.architectures) or registry.names()], "overload", RESULTS)


def bench_all(args) -> list:
    from lab.bench.campaign import bench_all_tasks

    return bench_all_tasks(RESULTS, args.repeat)


def bench_knee(args) -> list:
    from lab.bench.campaign import knee_tasks

    return knee_tasks(RESULTS, args.rounds)


def demo(args) -> list:
    from lab.bench.campaign import demo_tasks

    return demo_tasks(RESULTS / "demo", args.architectures)


def chaos(args) -> list:
    from lab.chaos.tasks import chaos_tasks

    return chaos_tasks([(args.architecture, args.db)], args.component)


def chaos_all(_args) -> list:
    from lab.chaos.tasks import chaos_tasks, every_architecture

    return chaos_tasks(every_architecture())


def replicas(args) -> list:
    from lab.bench.replicas import replica_tasks

    return replica_tasks(args.architecture, args.db)


def cap(args) -> list:
    from lab.cap.sites import SitesUnavailable, check_possible
    from lab.cap.tasks import cap_tasks

    try:
        check_possible()
    except SitesUnavailable as error:  # refused before anything starts, as a bad choice is
        raise ValueError(str(error)) from None
    return cap_tasks(args.architectures, args.mode)


def trace(args) -> list:
    from lab.trace.tasks import trace_tasks

    return trace_tasks([(args.architecture, args.db)])


def trace_all(_args) -> list:
    from lab.trace.tasks import trace_tasks

    return trace_tasks()


def bench_tracing(_args) -> list:
    from lab.bench.tracing_cost import tracing_cost_tasks

    return tracing_cost_tasks()


def campaign(plan, then=lambda _args: "", results=RESULTS):
    """The handler of a campaign command: its plan (a refused choice is said, status 2), run, then its report."""

    def handler(args, _settings: LabSettings) -> int:
        from lab.bench.campaign import run_campaign
        from lab.report.build import build_report

        try:
            tasks = plan(args)
        except ValueError as error:  # an unknown profile or component, named before anything starts
            print(error)
            return 2
        return run_campaign(tasks, results, build_report, then=then(args))

    return handler


def demo_then(_args) -> str:
    return "the measurement for the record: make bench-<arch>, or make bench-all"
