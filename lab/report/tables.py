"""The report's tables, each built from the results as they are (missing runs leave gaps, not errors)."""

from lab.model.load_dependent import KNEE_AIM
from lab.model.projection import MAX_CORES_ONE_MACHINE
from lab.model.validation import AIM, error, within_aim
from lab.report.page import Table
from lab.report.results import Results, floor_ms, median, server_cpu_ms, spread
from loadtests.profiles import FLAT_PROFILES, SATURATION


def _percent(value: float | None) -> str | None:
    return None if value is None else f"{value:+.0%}"


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
            rows.append([
                label, profile, len(repeats), median([r["totals"]["throughput_rps"] for r in repeats]),
                *(median([r["totals"]["latency_ms"][k] for r in repeats]) for k in ("mean", "p50", "p95", "p99")),
                sum(r["totals"]["failures"] for r in repeats), cpu, cpu / floor if cpu and floor else None,
            ])  # fmt: skip
    headers = ["architecture", "profile", "runs", "req/s", "mean ms", "p50 ms", "p95 ms", "p99 ms", "failures",
               "server CPU ms/request", "× floor"]  # fmt: skip
    return Table("Measured at 100 and 1,000 users (medians where a profile was repeated)", headers, rows)


def saturation_steps(results: Results) -> Table:
    """Every step of every saturation run, with the reason it stopped."""
    rows = []
    for label in results.labels:
        run = results.run(label, SATURATION)
        for step in (run or {}).get("steps", []):
            latency = step["latency_ms"]
            rows.append([label, step["users"], step["throughput_rps"], latency["mean"], latency["p95"],
                         step["failures"], step.get("reference_work_ms"), step["stop_reason"] or ""])  # fmt: skip
    headers = ["architecture", "users", "req/s", "mean ms", "p95 ms", "failures", "reference work ms",
               "saturated because"]
    return Table("Saturation runs, step by step", headers, rows,
                 note="A step is saturated when p95 passes the limit, requests fail, or throughput grows less "
                      "than a quarter as fast as users; the run stops after it. Reference work: the CPU "
                      "milliseconds one fixed piece of work took during the step, the machine's own speed "
                      "(lab/load/reference_work.py); the same code is faster where it is lower.")  # fmt: skip


def endpoint_p95(results: Results, profile: str) -> Table:
    """p95 per endpoint (rows) and architecture (columns) for one profile."""
    labels = [label for label in results.labels if results.run(label, profile)]
    cells: dict[str, dict[str, float | None]] = {}
    for label in labels:
        for endpoint in results.run(label, profile)["endpoints"]:
            cells.setdefault(f"{endpoint['method']} {endpoint['name']}", {})[label] = endpoint["latency_ms"]["p95"]
    rows = [[name, *(cells[name].get(label) for label in labels)] for name in sorted(cells)]
    return Table(f"p95 response time per endpoint (ms), {profile}", ["endpoint", *labels], rows)


def failures(results: Results) -> Table:
    """Requests, failures and after-load checks of every run."""
    rows = []
    for label in results.labels:
        for profile, repeats in sorted(results.runs[label].items()):
            for run in repeats:
                totals = run["totals"]
                checks = run.get("checks") or []
                verdict = "passed" if all(c["passed"] for c in checks) else "FAILED"
                restarted = run.get("restarted_processes")  # runs before the lab recorded it have none
                servers_mb = sum(mb for name, mb in run["peak_rss_mb"].items() if not name.startswith("locust"))
                rows.append([label, profile, run.get("repeat", 1), totals["requests"], totals["failures"],
                             f"{totals['failure_ratio']:.2%}", None if restarted is None else sum(restarted.values()),
                             round(servers_mb), verdict if checks else None])  # fmt: skip
    headers = ["architecture", "profile", "repeat", "requests", "failures", "failure ratio", "processes replaced",
               "peak server memory MB", "consistency check"]  # fmt: skip
    note = "Peak memory: the largest resident memory of each process tree (database included) during the run, summed."
    return Table("Failures, restarts, memory and checks, every run", headers, rows, note)


def validation(rows_by_label: dict[str, list[dict]], reasons: dict[str, str]) -> Table:
    """Predicted against measured, calibrated on users-100 alone."""
    rows = []
    for label, rows_of_label in rows_by_label.items():
        for row in rows_of_label:
            rows.append([label, row["load"], row["measured_rps"], row["predicted_rps"],
                         _percent(row["throughput_error"]), row["measured_ms"], row["predicted_ms"],
                         _percent(row["response_error"]), "yes" if within_aim(row) else "no"])  # fmt: skip
    headers = ["architecture", "load", "measured req/s", "model req/s", "error", "measured mean ms", "model mean ms",
               "error", f"within {AIM:.0%}"]  # fmt: skip
    note = " ".join(f"{label}: misses because {reason}." for label, reason in reasons.items() if reason)
    return Table("Model validation: calibrated on users-100 only, predicting users-1000 and every saturation step",
                 headers, rows, note=note)  # fmt: skip


def knee(rows_by_label: dict[str, dict]) -> Table:
    """The knee predicted with load-dependent demands against the saturation steps after the calibration."""
    rows = []
    for label, row in rows_by_label.items():
        knee_error = error(row["predicted_knee_rps"], row["measured_knee_rps"])
        at_its_speed = row.get("predicted_knee_rps_at_its_speed")  # None where the machine was not timed
        p95_error = error(row["predicted_p95_ms"], row["measured_p95_ms"]) if row["measured_p95_ms"] else None
        hits = [abs(e) <= KNEE_AIM for e in (knee_error, p95_error) if e is not None]
        busy = [row.get("processes_busy_cores"), row.get("machine_busy_cores")]
        reference = row.get("reference_work_ms") or [None] * 3  # a row built without it
        rows.append([label, row["calibrated_on"], row["knee_users"], row["measured_knee_rps"],
                     row["predicted_knee_rps"], _percent(knee_error), _error_range(row.get("knee_errors")),
                     _slashed(busy, "{:.2f}"), _slashed(reference, "{:.1f}"), at_its_speed,
                     _percent(error(at_its_speed, row["measured_knee_rps"]) if at_its_speed else None),
                     row["before_users"], row["measured_p95_ms"],
                     row["predicted_p95_ms"], _percent(p95_error),
                     "yes" if all(hits) and p95_error is not None else "no"])  # fmt: skip
    headers = ["architecture", "calibrated on", "knee at users", "measured req/s", "model req/s", "error",
               "error, repeat by repeat", "cores busy at the knee: processes / machine",
               "reference work ms: users-100 / first step / knee", "model req/s at the knee's speed",
               "error at the knee's speed", "step before",
               "measured p95 ms", "model p95 ms", "error", f"within {KNEE_AIM:.0%}"]  # fmt: skip
    note = ("The knee: the saturation step with the most throughput. Model: CPU per request as a + b/throughput "
            "for every process (lab/model/load_dependent.py), fitted through users-100 and the first step only; "
            "the p95 is the model's mean times the p95/mean ratio of that first step. Cores busy: the servers' "
            "and Locust's process trees, then the whole machine (kernel work and the lab's own watching "
            "included). Reference work: the CPU milliseconds one fixed piece of work took meanwhile "
            "(lab/load/reference_work.py); where it differs, the machine's speed moved between calibration and "
            "knee. At the knee's speed: both light loads' CPU rescaled by those times before the fit, a diagnostic "
            "that takes nothing from the knee but the machine's speed; the verdict is on the model as measured. "
            "With repeated runs (make bench-knee, or REPEAT=N), each repeat is predicted from its own "
            "users-100 and first step; the row compares the medians and shows each repeat's error.")  # fmt: skip
    return Table("The knee, predicted from two light loads", headers, rows, note=note)


def _slashed(values: list[float | None], form: str) -> str:
    return " / ".join("–" if value is None else form.format(value) for value in values)


def _error_range(errors: list[float | None] | None) -> str | None:
    found = spread(errors or [])
    return f"{found[0]:+.0%} to {found[1]:+.0%}" if found else None


def capacity(plans_by_label: dict[str, list[dict]], slo_ms: float) -> Table:
    """Cores and replicas the model needs at each population, or why no plan meets the SLO."""
    rows = []
    for label, plans in plans_by_label.items():
        for plan in plans:
            replicas = ", ".join(f"{name} {n}" for name, n in plan["replicas"].items())
            rows.append([label, plan["users"], plan["total_cores"] if plan["feasible"] else None, replicas,
                         plan["throughput"], 1000 * plan["response_s"], plan["limit"] or "",
                         plan.get("cores_if_database_split")])  # fmt: skip
    headers = ["architecture", "users", "cores", "instances per component", "req/s", "model mean ms", "limit",
               "cores with a database that scales out"]  # fmt: skip
    return Table(f"Capacity plans for a mean response time under {slo_ms:.0f} ms", headers, rows)


def environment(results: Results) -> Table:
    """Where and with what the newest run was measured."""
    run = results.newest()
    if not run:
        return Table("Environment", ["item", "value"], [])
    machine = run["machine"]
    rows = [
        ["commit", run["git_commit"] + (" (with uncommitted changes)" if run["git_dirty"] else "")],
        ["date of the newest run", run["date"]],
        ["CPU", f"{machine['cpu_model']}, {machine['cores']} cores"],
        ["memory", f"{machine['memory_gib']} GiB"],
        ["operating system", machine["os"]],
        ["Python", run["python"]],
        *([name, version] for name, version in run["packages"].items()),
    ]
    return Table("Environment", ["item", "value"], rows)


def scaling_paths(paths: dict[str, dict], slo_ms: float) -> Table:
    """How far scaling up and scaling out take each architecture, by the model."""
    rows = [[label, found["up_rps"], found["up_users"], found["out_rps"], found["out_users"], found["out_limit"]]
            for label, found in paths.items()]  # fmt: skip
    headers = ["architecture", "up: req/s", "up: users", "out: req/s", "out: users", "out: what stops it"]
    return Table(f"Where each path leads (model; users within a {slo_ms:.0f} ms mean response time)", headers, rows,
                 note=f"Up: the whole architecture on one machine of {MAX_CORES_ONE_MACHINE} cores. Out: instances "
                      "added to every part that scales out, until one that cannot (a database primary of "
                      f"{MAX_CORES_ONE_MACHINE} cores, SQLite's write lock) saturates.")  # fmt: skip
