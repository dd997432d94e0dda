"""The open-loop generator keeps its arrival rate: k6 at 50 req/s for 10 s against a bare endpoint sends 500
requests, within 5 %, counted by the server that received them (not judged by a clock)."""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from lab.load import open_loop_figures, open_loop_k6, open_loop_samples
from lab.load.open_loop_phases import Phase
from lab.settings import OpenLoopSettings

pytestmark = [pytest.mark.slow, pytest.mark.http_server]
RATE, SECONDS = 50, 10


class _Counting(BaseHTTPRequestHandler):
    received = 0
    lock = threading.Lock()

    def do_GET(self):
        with _Counting.lock:
            _Counting.received += 1
        self.send_response(200)
        self.send_header("Content-Length", "2")
        self.end_headers()
        self.wfile.write(b"ok")

    def log_message(self, *_args):
        pass


def test_k6_sends_the_asked_rate_to_a_bare_endpoint(tmp_path):
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Counting)  # an ephemeral port of its own
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}"
        phases = [Phase("bare", RATE, SECONDS)]
        path = open_loop_k6.run(url, phases, OpenLoopSettings(), tmp_path, "bare", extra={"BARE_PATH": "/"})
    finally:
        server.shutdown()
        server.server_close()
    asked = RATE * SECONDS
    assert abs(_Counting.received - asked) <= 0.05 * asked, _Counting.received
    (phase,) = open_loop_figures.by_phase(open_loop_samples.read(path), phases)
    assert abs(phase.achieved_rps - RATE) <= 0.05 * RATE
    assert phase.good == phase.answers and phase.dropped == 0
