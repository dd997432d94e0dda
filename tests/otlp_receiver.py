"""A stand-in OTLP/HTTP receiver on 127.0.0.1, where a test would point OTEL_EXPORTER_OTLP_ENDPOINT at a
collector or Jaeger: it keeps what is posted to /v1/traces and answers as OTLP does."""

import threading
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@contextmanager
def otlp_receiver():
    """(base URL, list of (content type, body) received), serving until the block ends."""
    received: list[tuple[str, bytes]] = []

    class Receiver(BaseHTTPRequestHandler):
        def do_POST(self):
            body = self.rfile.read(int(self.headers["Content-Length"]))
            if self.path != "/v1/traces":
                self.send_response(404)
            else:
                received.append((self.headers["Content-Type"], body))
                self.send_response(200)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *_args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Receiver)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", received
    finally:
        server.shutdown()
        server.server_close()
