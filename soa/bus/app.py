"""The bus's entry point: `gunicorn 'soa.bus.app:create_app()'`: the edge for consumers, the registry for providers."""

import hmac
import json
import os
from collections import defaultdict

from flask import Blueprint, Flask, current_app, jsonify, request

from bookstore.database import Database
from bookstore.edge.app import create_edge_app
from bookstore.errors import Forbidden, InvalidInput
from bookstore.internal_proof import Signer
from soa.bus.client import ServiceCaller
from soa.bus.mediation import BusStore
from soa.bus.registry import Registry
from soa.registration import REGISTRY_KEY_HEADER
from soa.settings import BusSettings

admin = Blueprint("bus_admin", __name__)


def _registry() -> Registry:
    return current_app.extensions["registry"]


def _settings() -> BusSettings:
    return current_app.extensions["settings"]


@admin.post("/registry")
def register():
    """A provider announces (or re-announces) itself: {service, address, operations}, with the registry key."""
    presented = request.headers.get(REGISTRY_KEY_HEADER, "").encode()
    if not hmac.compare_digest(presented, _settings().registry_key.encode()):
        raise Forbidden("only providers holding the registry key may register")
    entry = request.get_json(silent=True) or {}
    fields = (entry.get("service"), entry.get("address"), entry.get("operations"))
    if not all(isinstance(value, str) and value for value in fields[:2]) or not isinstance(fields[2], list):
        raise InvalidInput("a registration is {service, address, operations}")
    _registry().register(*fields)
    return jsonify({"registered": entry["address"]}), 201


@admin.get("/registry")
def registry():
    """Every registered provider instance."""
    return jsonify({"items": _registry().describe()})


@admin.get("/admin/services")
def counters():
    """Messages per service and operation, from the audit log of every bus worker."""
    path = _settings().audit_log
    totals = defaultdict(lambda: {"messages": 0, "failures": 0, "total_ms": 0.0})
    if path and os.path.exists(path):
        with open(path) as audit:
            for line in audit:
                message = json.loads(line)
                entry = totals[f"{message['service']}.{message['operation']}"]
                entry["messages"] += 1
                entry["failures"] += message["outcome"] != "ok"
                entry["total_ms"] += message["duration_ms"]
    report = {
        name: {**entry, "mean_ms": round(entry.pop("total_ms") / entry["messages"], 2)}
        for name, entry in sorted(totals.items())
    }
    return jsonify({"operations": report, "registry": _registry().describe()})


def create_app(test_config: dict | None = None) -> Flask:
    """The bus: consumers' REST/JSON edge mediated onto SOAP providers found in the registry."""
    settings = BusSettings.from_environment()
    registry = Registry(Database.for_server(settings))
    signer = Signer(settings.internal_secret, "bus")
    caller = ServiceCaller(registry, settings.worker_threads, signer, settings.audit_log)
    app = create_edge_app(BusStore(caller, settings), "soa", test_config)
    app.extensions["registry"] = registry
    app.extensions["settings"] = settings
    app.register_blueprint(admin)
    return app
