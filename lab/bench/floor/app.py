"""The least a request can cost here: gunicorn, Flask, one JSON answer, no store behind it."""

from flask import Flask, jsonify

BOOK = {"id": 1, "title": "The floor", "author": "gunicorn and Flask", "price_cents": 0, "stock": 0}


def create_app() -> Flask:
    """A Flask app with one JSON endpoint and a health check, served like every architecture."""
    app = Flask(__name__)

    @app.get("/floor")
    def floor():
        return jsonify(BOOK)

    @app.get("/health")
    def health():
        return jsonify(status="ok")

    return app
