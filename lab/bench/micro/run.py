"""`make bench-micro`: each target started fresh, each of its endpoints driven flat out by wrk (a warm-up, then
a measured run), with the CPU every server process spent on it; all targets in turn, ROUNDS times over.

First, in process, what the signed proof on every internal call costs (proof_cost.py). The floor and the
hop pairs run in the same rounds as the architectures, so every share and every hop price is a ratio of
figures measured minutes apart on the same machine.
"""

import json
import time
import urllib.parse
from pathlib import Path

import urllib3

from lab.bench.measure import keep_profiles
from lab.bench.micro import proof_cost, spread
from lab.bench.micro.endpoints import Endpoint, architecture_endpoints
from lab.bench.micro.summary import text_table
from lab.bench.micro.targets import TARGETS, Target
from lab.bench.micro.wrk import CONNECTIONS, THREADS, RunningWrk, run_wrk, start_wrk, wrk_path
from lab.launch.launcher import Launch
from lab.launch.ports import free_port
from lab.launch.processes import tree_cpu_seconds
from lab.load.machine import environment
from lab.load.measurement import idle_cpu
from lab.paths import RESULTS
from lab.records import write_record
from lab.records.micro import Measurement, MicroRecord
from lab.settings import at_start

MICRO = RESULTS / "micro"
ROUNDS, SECONDS, WARM_UP_S = at_start().micro_rounds, at_start().micro_seconds, at_start().micro_warmup
QUIET_CORES, QUIET_DEADLINE_S = 0.05, 60.0


def _bookstore(base_url: str) -> tuple[list[Endpoint], dict[str, str]]:
    """The store's endpoints (a word of a real title to search for) and a seeded reader's session for orders."""
    http = urllib3.PoolManager(retries=False, timeout=30)
    title = json.loads(http.request("GET", f"{base_url}/api/books/7").data)["title"]
    word = next(w for w in title.lower().split() if w.isalpha() and len(w) > 3)
    books = json.loads(http.request("GET", f"{base_url}/api/books?page_size=1").data)["total"]
    reader = {"email": "reader1@bookstore.test", "password": "bookstore-reader"}
    session = json.loads(http.request("POST", f"{base_url}/api/sessions", json=reader).data)
    auth = {"Authorization": f"Bearer {session['token']}", "Content-Type": "application/json"}
    return architecture_endpoints(urllib.parse.quote(word), books), auth


def _settle(launch: Launch) -> bool:
    """Wait until the fresh target burns under 5 % of a core over a second (its start-up, its database's own
    work after the seed), so that no round measures another's leftovers; False if a generous deadline passed."""
    servers, deadline = launch.process_ids(), time.monotonic() + QUIET_DEADLINE_S
    while time.monotonic() < deadline:
        if sum(idle_cpu(servers, seconds=1).values()) < QUIET_CORES:
            return True
    return False


def _measure(launch: Launch, endpoint: Endpoint, headers: dict) -> dict:
    run_wrk(launch.base_url, endpoint, WARM_UP_S, headers)
    servers = launch.process_ids()
    port = urllib.parse.urlsplit(launch.base_url).port
    workers = spread.workers_on(port, servers.values())
    if not workers:
        raise RuntimeError(f"no server process was found accepting the connections to {launch.base_url}")
    before: dict[str, float] = {}

    def start() -> RunningWrk:
        before.update({name: tree_cpu_seconds(pid) for name, pid in servers.items()})
        return start_wrk(launch.base_url, endpoint, SECONDS, headers)

    def split(wrk: RunningWrk) -> list[int]:
        return spread.split_once_connected(workers, port, wrk.process.pid, CONNECTIONS)

    wrk, found_split, starts = spread.start_spread(start, RunningWrk.stop, split, lambda: _settle(launch))
    found = wrk.finish()
    spent = {name: tree_cpu_seconds(pid) - before[name] for name, pid in servers.items()}
    requests = found["requests"] or 1
    found["cpu_ms"] = {name: round(1000 * seconds / requests, 4) for name, seconds in spent.items()}
    found["wrk_cpu_ms"] = round(1000 * found.pop("wrk_cpu_s") / requests, 4)
    return found | {"edge_split": found_split, "wrk_starts": starts}


def _target(target: Target, round_number: int, rounds: int, results: Path) -> list[Measurement]:
    measured = []
    with Launch(target.architecture, target.db, port=free_port()) as launch:
        endpoints, headers = (list(target.endpoints), {}) if target.endpoints else _bookstore(launch.base_url)
        settled = _settle(launch)
        if not settled:
            print(
                f"  [round {round_number}/{rounds}] {target.label}: still busy after {QUIET_DEADLINE_S:.0f} s "
                "with no load; measured anyway",
                flush=True,
            )
        for endpoint in endpoints:
            found = Measurement(
                target=target.label,
                endpoint=endpoint.name,
                round=round_number,
                settled=settled,
                **_measure(launch, endpoint, headers),
            )
            measured.append(found)
            cpu = sum(found.cpu_ms.values())
            wrong = f", {found.wrong} WRONG ({found.wrong_example})" if found.wrong else ""
            split = "/".join(map(str, found.edge_split))
            uneven = "" if all(found.edge_split) else " (a worker got no connection)"
            print(
                f"  [round {round_number}/{rounds}] {target.label:<18} {endpoint.name:<9} "
                f"{found.rps:>8.0f} req/s  p99 {found.p99_us / 1000:6.1f} ms  "
                f"server CPU {cpu:6.3f} ms/request  split {split}{uneven}{wrong}",
                flush=True,
            )
    keep_profiles(launch, results / f"{target.label}-round{round_number}")
    return measured


def run_micro(results: Path = MICRO, targets: tuple[Target, ...] = TARGETS, rounds: int = ROUNDS) -> int:
    """Every target, `rounds` times in alternation, into results/micro/micro.json; 1 if any answer was wrong."""
    wrk_path()
    results.mkdir(parents=True, exist_ok=True)
    load = {
        "tool": "wrk",
        "threads": THREADS,
        "connections": CONNECTIONS,
        "seconds": SECONDS,
        "warm_up_s": WARM_UP_S,
        "rounds": rounds,
    }
    run = MicroRecord(**environment(), load=load, measurements=[], proof=proof_cost.measure())  # before any server
    print(proof_cost.text(run.proof), flush=True)
    for round_number in range(1, rounds + 1):
        for target in targets:
            run.measurements += _target(target, round_number, rounds, results)
            write_record(results / "micro.json", run)  # kept as it grows: Ctrl-C loses little
    print(text_table(run.measurements), flush=True)
    failed = [m for m in run.measurements if m.wrong or m.socket_errors or m.non_2xx]
    for m in failed:
        print(
            f"FAILED {m.target} {m.endpoint} (round {m.round}): {m.wrong} wrong answers, "
            f"{m.non_2xx} errors, {m.socket_errors} socket errors; e.g. {m.wrong_example}"
        )
    return 1 if failed else 0
