"""What every provider shares: one SOAP endpoint dispatching named operations, a description, registration."""

import json
import logging
import threading
from collections.abc import Callable, Mapping
from xml.sax.saxutils import escape

import urllib3
from flask import Flask, Response, request

from bookstore import http_pool, internal_proof
from bookstore.database import Database
from bookstore.edge.body_limit import install_body_limit
from bookstore.errors import BookstoreError, TooManyRequests, Unauthorized
from bookstore.request_context import current_client_address
from soa import soap
from soa.registration import REGISTRY_KEY_HEADER
from soa.settings import ProviderSettings

log = logging.getLogger(__name__)
HEARTBEAT_S = 3
Operation = Callable[[dict, dict], dict]


def whole_number(payload: dict, key: str) -> int:
    """A required integer field of a message (a hostile message may send anything)."""
    value = payload[key]
    if not isinstance(value, int) or isinstance(value, bool) or not 0 < value < 2**31:
        raise soap.Fault("invalid_request", f"{key} must be a positive integer")
    return value


def _answer(body: bytes, status: int = 200) -> Response:
    return Response(body, status=status, content_type=soap.CONTENT_TYPE)


def description(service: str, operations: dict[str, Operation]) -> bytes:
    """A plain XML service description: the service, its endpoint and each operation's purpose."""
    lines = [f'<service xmlns="{soap.BOOKSTORE_NS}" name="{service}" endpoint="/soap" binding="SOAP 1.1">']
    for name, handler in operations.items():
        lines.append(f'  <operation name="{name}">{escape((handler.__doc__ or "").strip())}</operation>')
    lines.append("</service>")
    return "\n".join(lines).encode()


def proven(payload: dict, headers: dict, verifier: internal_proof.Verifier) -> internal_proof.Assertion:
    """The message's WS-Security assertion, verified; Unauthorized when it is missing or invalid, or when the
    message speaks for another account than the one the assertion names."""
    assertion = verifier.verify(headers.get(soap.SECURITY, ""))
    if "account_id" in payload and payload["account_id"] != assertion.account_id:
        raise Unauthorized("the message's account is not the one its assertion names")
    return assertion


def dispatch(operations: Mapping[str, Operation], raw: bytes, verifier: internal_proof.Verifier) -> tuple[bytes, int]:
    """Run the operation a SOAP request names; every failure becomes a SOAP fault (HTTP 500, as SOAP 1.1 says),
    but a message without valid proof of its sender is refused with 401 before it runs."""
    try:
        operation, payload, headers = soap.parse(raw)
        try:
            assertion = proven(payload, headers, verifier)
        except Unauthorized as error:
            return soap.fault_envelope(soap.Fault(error.code, error.message)), 401
        handler = operations.get(operation)
        if handler is None:
            raise soap.Fault("not_found", f"no operation {operation}")
        relayed = current_client_address.set(assertion.client_address)
        try:
            return soap.envelope(f"{operation}Response", handler(payload, headers)), 200
        finally:
            current_client_address.reset(relayed)
    except soap.Fault as fault:
        return soap.fault_envelope(fault), 500
    except TooManyRequests as error:
        return soap.fault_envelope(soap.Fault(error.code, error.message, retry_after_s=error.retry_after_s)), 500
    except BookstoreError as error:
        return soap.fault_envelope(soap.Fault(error.code, error.message)), 500
    except (KeyError, TypeError, ValueError) as error:
        return soap.fault_envelope(soap.Fault("invalid_request", f"bad message: {error!r}")), 500
    except Exception:
        log.exception("operation failed")
        return soap.fault_envelope(soap.Fault("internal_error", "the provider failed", "Server")), 500


def _register_until_stopped(announcement: dict, settings: ProviderSettings, stopped: threading.Event) -> None:
    headers = {"Content-Type": "application/json", REGISTRY_KEY_HEADER: settings.registry_key}
    body, registry = json.dumps(announcement), f"{settings.bus_url}/registry"
    http = http_pool.pooled_http(urllib3.Timeout(connect=0.5, read=2), settings.worker_threads)
    while not stopped.is_set():
        try:
            registered = http.request("POST", registry, body=body, headers=headers).status == 201
        except urllib3.exceptions.HTTPError:
            registered = False  # the bus may still be starting: try again soon
        stopped.wait(HEARTBEAT_S if registered else 0.2)


def create_provider_app(
    service: str,
    operations: Mapping[str, Operation],
    settings: ProviderSettings,
    database: Database,
    register: bool = True,
) -> Flask:
    """A provider: POST /soap runs operations, GET /soap?wsdl describes them; it registers with the bus."""
    app = Flask(service)
    app.extensions["database"] = database
    app.config["MAX_CONTENT_LENGTH"] = 256 * 1024
    install_body_limit(app)
    verifier = internal_proof.Verifier(settings.internal_secret)  # one per process, shared by its threads

    @app.post("/soap")
    def endpoint():
        """The service's one SOAP endpoint."""
        body, status = dispatch(operations, request.get_data(), verifier)
        return _answer(body, status)

    @app.get("/soap")
    def describe():
        """The service description (plain XML, not a full WSDL)."""
        return _answer(description(service, operations))

    @app.get("/health")
    def health():
        """Liveness."""
        return {"status": "ok", "architecture": "soa", "service": service}

    if register and settings.bus_url and settings.port:
        # Where the bus should send this provider's messages: its service name in a container.
        address = settings.advertise_url or f"http://127.0.0.1:{settings.port}/soap"
        announcement = {"service": service, "address": address, "operations": list(operations)}
        stopped = threading.Event()
        args = (announcement, settings, stopped)
        threading.Thread(target=_register_until_stopped, args=args, daemon=True, name="registration").start()
        app.extensions["stop_registering"] = stopped.set
    return app
