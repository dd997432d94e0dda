"""The report's tables of measurements, built from the results as they are (missing runs leave gaps, not errors)."""

from lab.i18n import _, number, percent
from lab.report import stop_reasons
from lab.report.page import Table
from lab.report.results import Results, floor_ms, median, server_cpu_ms
from loadtests.profiles import FLAT_PROFILES, SATURATION


def summary(results: Results) -> Table:
    """Every architecture and flat profile: medians of the repetitions."""
    floor = floor_ms(results)
    rows = []
    for label in results.labels:
        for profile in FLAT_PROFILES:
            repeats = results.repeats(label, profile)
            if not repeats:
                continue
            cpu = median([sum(server_cpu_ms(run).values()) for run in repeats])
            rows.append(
                [
                    label,
                    profile,
                    len(repeats),
                    median([r.totals.throughput_rps for r in repeats]),
                    *(
                        median([getattr(r.totals.latency_ms, k) for r in repeats])
                        for k in ("mean", "p50", "p95", "p99")
                    ),
                    sum(r.totals.failures for r in repeats),
                    cpu,
                    cpu / floor if cpu and floor else None,
                ]
            )
    headers = [
        _("architecture"),
        _("profile"),
        _("runs"),
        _("req/s"),
        _("mean ms"),
        _("p50 ms"),
        _("p95 ms"),
        _("p99 ms"),
        _("failures"),
        _("server CPU ms/request"),
        _("× floor"),
    ]
    return Table(_("Measured at 100 and 1,000 users (medians where a profile was repeated)"), headers, rows)


def saturation_steps(results: Results) -> Table:
    """Every step of every saturation run, with the reason it stopped."""
    rows = []
    for label in results.labels:
        run = results.run(label, SATURATION)
        for step in (run and run.steps) or []:
            latency = step.latency_ms
            rows.append(
                [
                    label,
                    step.users,
                    step.throughput_rps,
                    latency.mean,
                    latency.p95,
                    step.failures,
                    step.reference_work_ms,
                    stop_reasons.shown(step.stop_reason),
                ]
            )
    headers = [
        _("architecture"),
        _("users"),
        _("req/s"),
        _("mean ms"),
        _("p95 ms"),
        _("failures"),
        _("reference work ms"),
        _("saturated because"),
    ]
    return Table(
        _("Saturation runs, step by step"),
        headers,
        rows,
        note=_(
            "A step is saturated when p95 passes the limit, requests fail, or throughput grows less "
            "than a quarter as fast as users; the run stops after it. Reference work: the CPU "
            "milliseconds one fixed piece of work took during the step, the machine's own speed "
            "(lab/load/reference_work.py); the same code is faster where it is lower."
        ),
    )


def endpoint_p95(results: Results) -> Table:
    """p95 per endpoint (rows) and architecture and flat profile (columns)."""
    columns = [(label, profile) for label in results.labels for profile in FLAT_PROFILES if results.run(label, profile)]
    cells: dict[str, dict[tuple[str, str], float | None]] = {}
    for column in columns:
        for endpoint in results.run(*column).endpoints:
            cells.setdefault(f"{endpoint.method} {endpoint.name}", {})[column] = endpoint.latency_ms.p95
    rows = [[name, *(cells[name].get(column) for column in columns)] for name in sorted(cells)]
    headers = [_("endpoint"), *(f"{label} {profile}" for label, profile in columns)]
    return Table(_("p95 response time per endpoint (ms), at 100 and 1,000 users"), headers, rows)


def failures(results: Results) -> Table:
    """Requests, failures and after-load checks of every run."""
    rows = []
    for label in results.labels:
        for profile, repeats in sorted(results.runs[label].items()):
            for run in repeats:
                totals, checks = run.totals, run.checks
                verdict = _("passed") if all(c.passed for c in checks) else _("FAILED")
                restarted = run.restarted_processes  # runs before the lab recorded it have none
                servers_mb = sum(mb for name, mb in run.peak_rss_mb.items() if not name.startswith("locust"))
                rows.append(
                    [
                        label,
                        profile,
                        run.repeat,
                        totals.requests,
                        totals.failures,
                        percent(totals.failure_ratio, 2),
                        None if restarted is None else sum(restarted.values()),
                        round(servers_mb),
                        verdict if checks else None,
                    ]
                )
    headers = [
        _("architecture"),
        _("profile"),
        _("repeat"),
        _("requests"),
        _("failures"),
        _("failure ratio"),
        _("processes replaced"),
        _("peak server memory MB"),
        _("consistency check"),
    ]
    note = _(
        "Peak memory: the largest resident memory of each process tree (database included) during the run, summed."
    )
    return Table(_("Failures, restarts, memory and checks, every run"), headers, rows, note)


def environment(results: Results) -> Table:
    """Where and with what the newest run was measured."""
    run = results.newest()
    headers = [_("item"), _("value")]
    if not run:
        return Table(_("Environment"), headers, [])
    machine = run.machine
    commit = _("{commit} (with uncommitted changes)") if run.git_dirty else "{commit}"
    rows = [
        [_("commit"), commit.format(commit=run.git_commit)],
        [_("date of the newest run"), run.date],
        ["CPU", _("{model}, {cores} cores").format(model=machine.cpu_model, cores=number(machine.cores))],
        [_("memory"), _("{gib} GiB").format(gib=number(machine.memory_gib, _decimals(machine.memory_gib)))],
        [_("operating system"), machine.os],
        ["Python", run.python],
        *([name, version] for name, version in run.packages.items()),
    ]
    return Table(_("Environment"), headers, rows)


def _decimals(value: float) -> int:
    # As many places as the record gives (15.5 GiB, 16.0 GiB), written in the language's own way.
    return len(repr(float(value)).partition(".")[2])
