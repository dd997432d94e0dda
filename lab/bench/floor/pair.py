"""The price of one hop, bare: an edge that calls a backend through the pooled HTTP client the
architectures use, with JSON (as the tiers and the gateway) or with SOAP (as the bus), and nothing else."""

import json

import urllib3
from flask import Flask, Response, jsonify, request

from bookstore import http_pool
from bookstore.settings import Settings
from lab.bench.floor.app import BOOK
from lab.settings import HopPairSettings, read
from soa import soap

TIMEOUT = urllib3.Timeout(connect=0.5, read=10)


def create_backend() -> Flask:
    """The far side: the floor's JSON, and the same book as a SOAP answer."""
    app = Flask("pair-backend")

    @app.get("/floor")
    def floor():
        return jsonify(BOOK)

    @app.post("/soap")
    def soap_call():
        operation, payload, _ = soap.parse(request.get_data())
        return Response(
            soap.envelope(f"{operation}Response", {**BOOK, "id": payload["book_id"]}), content_type=soap.CONTENT_TYPE
        )

    @app.get("/health")
    def health():
        return jsonify(status="ok")

    return app


def create_edge() -> Flask:
    """The near side: each request makes one call to the backend and answers with what came back."""
    app = Flask("pair-edge")
    http = http_pool.pooled_http(TIMEOUT, Settings.from_environment().worker_threads)
    backend = read(HopPairSettings).pair_backend_url

    @app.get("/floor-pair")
    def json_hop():
        return jsonify(json.loads(http.request("GET", f"{backend}/floor").data))

    @app.get("/floor-soap")
    def soap_hop():
        body = soap.envelope("GetBook", {"book_id": 1})
        headers = {"Content-Type": soap.CONTENT_TYPE, "SOAPAction": '"GetBook"'}
        _, book, _ = soap.parse(http.request("POST", f"{backend}/soap", body=body, headers=headers).data)
        return jsonify(book)

    @app.get("/health")
    def health():
        return jsonify(status="ok")

    return app
