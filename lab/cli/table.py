"""The table of the lab's commands: name, what it does, how long it takes, its arguments and options."""

from dataclasses import dataclass
from pathlib import Path

import click

from lab.cli import campaigns as plan
from lab.cli import course, foreground, tools
from lab.cli.campaigns import campaign
from lab.cli.options import CTRL_C, architecture, setting
from lab.launch.architectures import DATABASES
from lab.settings import ClusterSettings
from topology import registry

DB = setting("--db", "db", click.Choice(DATABASES))


@dataclass(frozen=True)
class Command:
    """A command of `python -m lab`: run(args, settings) gives its exit status."""

    name: str
    run: object
    help: str
    time: str
    params: tuple = ()


ARCH_DB = (architecture(), DB)
COMMANDS = [
    Command("run", foreground.run, "One architecture in the foreground, seeded", "until Ctrl-C", (*ARCH_DB, CTRL_C)),
    Command("ui", foreground.ui, "run, and Locust's web UI, its form at 100 users", "until Ctrl-C", (*ARCH_DB, CTRL_C)),
    Command(
        "bench",
        campaign(plan.bench, then=plan.bench_then),
        "users-100, users-1000, the saturation run, the floor, the report",
        "6-7 minutes",
        (*ARCH_DB, setting("--profile", "profile"), setting("--repeat", "repeat")),
    ),
    Command(
        "scaling",
        campaign(plan.scaling),
        "The busiest component scaled up (workers) and out (instances) under 1,500 users, 5 runs",
        "about 5 minutes",
        ARCH_DB,
    ),
    Command(
        "cluster",
        campaign(plan.cluster),
        "On machines of their own behind HAProxy: scaled up, out, and with read replicas (every architecture if none)",
        "as root, about 12 minutes each",
        (click.Argument(["architectures"], nargs=-1, type=click.Choice(registry.names())),),
    ),
    Command(
        "bench-open",
        campaign(plan.bench_open),
        "The open loop (k6): fixed arrival rates from light to 1.5x the knee, latency from the intended send time",
        "about 3 minutes, more without a saturation run",
        ARCH_DB,
    ),
    Command(
        "overload",
        campaign(plan.overload),
        "0.5x capacity, a spike at 3x for 30 s, 0.5x again, open loop; the verdicts (every architecture if none)",
        "about 2 minutes each, more without a saturation run",
        (click.Argument(["architectures"], nargs=-1, type=click.Choice(registry.names())),),
    ),
    Command(
        "replicas",
        campaign(plan.replicas),
        "Each bench profile without replicas, then with one replica read in each mode",
        "about 25 minutes",
        ARCH_DB,
    ),
    Command(
        "bench-all",
        campaign(plan.bench_all),
        "Every architecture's bench and scaling runs, then the report",
        "about 35 minutes",
        (setting("--repeat", "repeat"),),
    ),
    Command(
        "bench-knee",
        campaign(plan.bench_knee),
        "Rounds of users-100 and the saturation run for all four, the knee judged over them",
        "about 13 minutes a round",
        (setting("--rounds", "knee_rounds"),),
    ),
    Command(
        "chaos",
        campaign(plan.chaos),
        "Stop each component in turn (or one) under 100 users; what kept working, and nothing lost",
        "about 1.5 minutes each",
        (*ARCH_DB, setting("--component", "component")),
    ),
    Command("chaos-all", campaign(plan.chaos_all), "chaos for every architecture", "about 20 minutes"),
    Command(
        "cap",
        campaign(plan.cap),
        "Two sites cut apart by a real partition, CP then AP: what each kept available and what it cost",
        "as root, about 2 minutes each",
        (
            click.Argument(["architectures"], nargs=-1, required=True, type=click.Choice(registry.in_cap())),
            setting("--mode", "mode"),
        ),
    ),
    Command(
        "trace",
        campaign(plan.trace),
        "One scripted visit traced 20 times on a fresh start, drawn as waterfalls",
        "under a minute",
        ARCH_DB,
    ),
    Command("trace-all", campaign(plan.trace_all), "Every architecture traced, then the report", "about a minute"),
    Command(
        "trace-send",
        tools.trace_send,
        "Send recorded traces (OTLP JSON lines) to a collector or Jaeger",
        "seconds",
        (
            click.Argument(["folder"], type=click.Path(path_type=Path)),
            click.Option(["--endpoint"], help="OTLP/HTTP base URL (default: $OTEL_EXPORTER_OTLP_ENDPOINT or :4318)"),
        ),
    ),
    Command(
        "bench-tracing",
        campaign(plan.bench_tracing),
        "users-1000 untraced and traced for every architecture, pair by pair",
        "about 12 minutes",
    ),
    Command(
        "bench-micro",
        tools.bench_micro,
        "Each endpoint flat out with wrk, beside the floor and bare hops, 3 rounds",
        "about 13 minutes",
    ),
    Command(
        "class",
        course.class_step,
        "The course's steps; with a step's number, its demo run in order and what to point at",
        "at most 5 minutes a step",
        (
            click.Argument(["step"], required=False, type=int),
            click.Option(["--fast"], is_flag=True, help="a rehearsal: each command with its short run (FAST=1)"),
        ),
    ),
    Command(
        "demo",
        campaign(plan.demo, then=plan.demo_then, results=plan.RESULTS / "demo"),
        "A short campaign for a class into results/demo, then its report",
        "under 8 minutes, about 2 for one architecture",
        (setting("--architectures", "demo_architectures"),),
    ),
    Command(
        "report",
        tools.report,
        "Rebuild the charts and results/index.html from the results there, running nothing",
        "seconds",
        (click.Option(["--results"], help="results folder (default: results/)"),),
    ),
    Command(
        "worksheet",
        tools.worksheet,
        "Each step's exercise and questions, filled with your own results: results/worksheet.html, answers.toml",
        "seconds",
    ),
    Command(
        "check-worksheet",
        tools.check_worksheet,
        "Your answers (results/answers.toml) checked against your own results, one line per question",
        "seconds",
        (click.Option(["--answers"], help="answers file (default: results/answers.toml)"),),
    ),
    Command(
        "deploy",
        tools.deploy,
        "Every Dockerfile, compose file and manifest; with --cluster, one cluster configuration's, behind HAProxy",
        "seconds",
        (
            click.Option(
                ["--cluster"],
                nargs=2,
                type=(click.Choice(list(registry.names())), str),
                metavar="ARCHITECTURE CONFIGURATION",
                help="write deploy/<arch>/cluster-<configuration>/ for e.g. three_tier out-2 (up-N or out-N)",
            ),
            click.Option(
                ["--from-run"],
                type=click.Path(path_type=Path, exists=True, dir_okay=False),
                help="or the configuration and machine sizes of a measured results/<label>/cluster/<c>/run.json",
            ),
            *(setting(f"--{field.replace('_', '-')}", field, settings=ClusterSettings) for field in tools.MACHINES),
        ),
    ),
    Command(
        "images",
        tools.images,
        "Every architecture's container images (and the load generator's), or one's",
        "minutes",
        (architecture(required=False),),
    ),
    Command(
        "test-containers",
        tools.test_containers,
        "Every image built, each compose file and one cluster (three_tier out-2) run, its edge checked; or one's alone",
        "about 5-6 minutes, about a minute for one",
        (architecture(required=False),),
    ),
    Command("stop", tools.stop, "Whatever the lab left running, for any architecture", "seconds"),
    Command("settings", tools.settings, "Every variable the lab reads, its value and where it came from", "instant"),
]
