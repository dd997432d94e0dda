"""Helpers of the end-to-end tests: architectures started with settings of their own, seeded readers' sessions."""

from contextlib import contextmanager

import pytest
import requests

from lab.launch.launcher import Launch
from lab.launch.ports import free_port


@contextmanager
def launched(architecture: str, run_dir, **settings: str):
    """An architecture started with extra environment settings (e.g. APP_REPLICAS=2), stopped at the end."""
    with pytest.MonkeyPatch.context() as patch:
        for name, value in settings.items():
            patch.setenv(name, value)
        with Launch(architecture, port=free_port(), run_dir=run_dir) as launch:
            yield launch


def reader_auth(base_url: str, reader: int) -> dict:
    """Authorization headers of seeded reader N, logged in through the edge."""
    body = {"email": f"reader{reader}@bookstore.test", "password": "bookstore-reader"}
    token = requests.post(f"{base_url}/api/sessions", json=body, timeout=10).json()["token"]
    return {"Authorization": f"Bearer {token}"}
