"""A chunked request body is held to MAX_CONTENT_LENGTH like one that states its Content-Length."""

import io

import pytest
from flask import Flask, request

from bookstore.edge.body_limit import install_body_limit

LIMIT = 100


@pytest.fixture
def client():
    app = Flask(__name__)
    app.config["MAX_CONTENT_LENGTH"] = LIMIT
    install_body_limit(app)

    @app.post("/echo")
    def echo():
        return {"received": len(request.get_data())}

    return app.test_client()


def chunked_post(client, size: int):
    environ = {"HTTP_TRANSFER_ENCODING": "chunked", "wsgi.input_terminated": True}
    return client.post("/echo", input_stream=io.BytesIO(b"x" * size), environ_overrides=environ)


@pytest.mark.parametrize("size", [0, 1, LIMIT])
def test_a_chunked_body_up_to_the_limit_is_read_whole(client, size):
    answer = chunked_post(client, size)
    assert (answer.status_code, answer.json) == (200, {"received": size})


@pytest.mark.parametrize("size", [LIMIT + 1, 10 * LIMIT])
def test_a_chunked_body_over_the_limit_is_refused_not_cut_at_the_limit(client, size):
    assert chunked_post(client, size).status_code == 413


def test_a_body_with_a_content_length_is_left_to_werkzeug(client):
    assert client.post("/echo", data=b"x" * LIMIT).json == {"received": LIMIT}
    assert client.post("/echo", data=b"x" * (LIMIT + 1)).status_code == 413
