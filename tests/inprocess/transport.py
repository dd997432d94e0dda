"""The network, in process: calls to a component's base URL go straight into its WSGI app.

`Network.request` answers the lab's internal HTTP clients (it has the signature of urllib3's PoolManager
as they call it); `RequestsAdapter` answers the tests' requests sessions. An address no component was
given behaves as a refused connection, as it would on a real network.
"""

import io
import json
from http import HTTPStatus
from urllib.parse import urlencode, urlsplit

import requests
import urllib3
from requests.structures import CaseInsensitiveDict
from requests.utils import get_encoding_from_headers
from werkzeug.test import EnvironBuilder, run_wsgi_app

URL_ENCODED_METHODS = {"GET", "HEAD", "DELETE", "OPTIONS"}  # where urllib3 puts `fields` into the query


class Answer:
    """What urllib3 returns, as far as the lab's clients read it."""

    def __init__(self, status: int, headers: list[tuple[str, str]], data: bytes):
        self.status, self.data = status, data
        self.headers = urllib3.HTTPHeaderDict(headers)

    def json(self):
        return json.loads(self.data)


class Network:
    """Base URL (scheme://host[:port]) -> WSGI app."""

    def __init__(self):
        self.hosts: dict[str, object] = {}
        self.pool_sizes: list[int] = []  # the connections each process's HTTP pool asked for

    def add(self, base_url: str, app) -> None:
        self.hosts[base_url.rstrip("/")] = app

    def call(self, method: str, url: str, body: bytes | None, headers: dict, chunked: bool = False) -> Answer:
        """One request into the app that serves `url`."""
        parts = urlsplit(url)
        app = self.hosts.get(f"{parts.scheme}://{parts.netloc}")
        if app is None:
            raise urllib3.exceptions.NewConnectionError(None, f"nothing listens at {parts.netloc}")
        # The body sets the length; a chunked body has none, as gunicorn passes it on.
        headers = {name: value for name, value in headers.items() if name.lower() != "content-length"}
        builder = EnvironBuilder(
            path=parts.path or "/",
            query_string=parts.query,
            method=method,
            headers=headers,
            base_url=f"{parts.scheme}://{parts.netloc}",
            **({"input_stream": io.BytesIO(body or b"")} if chunked else {"data": body or b""}),
        )
        environ = builder.get_environ()
        if chunked:  # as gunicorn hands over a chunked body: no length, read to its end
            environ.pop("CONTENT_LENGTH", None)
            environ["wsgi.input_terminated"] = True
        content_type = headers.get("Content-Type") or headers.get("content-type")
        if content_type:
            environ["CONTENT_TYPE"] = content_type
        app_iter, status, answer_headers = run_wsgi_app(app, environ, buffered=True)
        try:
            data = b"".join(app_iter)
        finally:
            getattr(app_iter, "close", lambda: None)()
        return Answer(int(status.split()[0]), list(answer_headers.items()), data)

    def request(self, method: str, url: str, body=None, fields=None, headers=None, **_options) -> Answer:
        """urllib3.PoolManager.request, as the lab's internal clients call it."""
        if fields and method.upper() in URL_ENCODED_METHODS:
            url = f"{url}?{urlencode(fields)}"
        if isinstance(body, str):
            body = body.encode()
        return self.call(method.upper(), url, body, dict(headers or {}))


class RequestsAdapter(requests.adapters.BaseAdapter):
    """A requests transport adapter over the Network, for the black-box tests."""

    def __init__(self, network: Network):
        super().__init__()
        self.network = network

    def send(
        self, request: requests.PreparedRequest, stream=False, timeout=None, verify=True, cert=None, proxies=None
    ) -> requests.Response:
        body, chunked = request.body, False
        if body is not None and not isinstance(body, bytes | str):
            body, chunked = b"".join(_as_bytes(chunk) for chunk in body), True  # a generator is sent chunked
        if isinstance(body, str):
            body = body.encode()
        try:
            answer = self.network.call(request.method, request.url, body, dict(request.headers), chunked)
        except urllib3.exceptions.NewConnectionError as error:
            raise requests.ConnectionError(str(error), request=request) from None
        response = requests.Response()
        response.status_code, response.url, response.request = answer.status, request.url, request
        response.headers = CaseInsensitiveDict(answer.headers.items())
        response._content, response.reason = answer.data, HTTPStatus(answer.status).phrase
        response.raw = urllib3.HTTPResponse(
            io.BytesIO(answer.data), answer.headers, answer.status, version=11, preload_content=False
        )
        response.encoding = get_encoding_from_headers(response.headers)
        return response

    def close(self) -> None:
        pass


def _as_bytes(chunk: bytes | str) -> bytes:
    return chunk.encode() if isinstance(chunk, str) else chunk


def routed_through(network: Network, host_suffix: str, original_get_adapter):
    """A Session.get_adapter that sends URLs of hosts ending in host_suffix into the network."""
    adapter = RequestsAdapter(network)

    def get_adapter(session: requests.Session, url: str):
        host = urlsplit(url).hostname or ""
        return adapter if host.endswith(host_suffix) else original_get_adapter(session, url)

    return get_adapter
