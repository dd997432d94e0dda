"""`python -m lab trace-send <folder>`: the traces a run recorded, sent to your own collector or Jaeger.

Each line of the OTLP JSON files is one ExportTraceServiceRequest, which OTLP/HTTP accepts as it is
(POST <endpoint>/v1/traces, Content-Type: application/json).
"""

from pathlib import Path

import urllib3

from lab.settings import LabSettings, read


def traces_url(endpoint: str | None = None, settings: LabSettings | None = None) -> str:
    """Where spans go: OTEL_EXPORTER_OTLP_TRACES_ENDPOINT as given, else OTEL_EXPORTER_OTLP_ENDPOINT/v1/traces."""
    settings = settings or read()
    if not endpoint and settings.otel_exporter_otlp_traces_endpoint:
        return settings.otel_exporter_otlp_traces_endpoint
    base = endpoint or settings.otel_exporter_otlp_endpoint or "http://127.0.0.1:4318"
    return base.rstrip("/") + "/v1/traces"


def send(folder: Path, endpoint: str | None = None, settings: LabSettings | None = None) -> int:
    """Post every recorded batch; the number sent. Raises RuntimeError when the collector refuses one."""
    files = sorted(Path(folder).rglob("*.jsonl"))
    if not files:
        raise RuntimeError(f"no OTLP JSON lines (*.jsonl) under {folder}: run make trace-<arch> first")
    url, http, sent = traces_url(endpoint, settings), urllib3.PoolManager(retries=False, timeout=10), 0
    for path in files:
        for line in path.read_text().splitlines():
            try:
                answer = http.request("POST", url, body=line.encode(), headers={"Content-Type": "application/json"})
            except urllib3.exceptions.HTTPError as error:
                raise RuntimeError(f"cannot reach {url}: {error}") from error
            if answer.status >= 300:
                raise RuntimeError(f"{url} refused {path.name}: HTTP {answer.status} {answer.data[:200]!r}")
            sent += 1
    return sent
