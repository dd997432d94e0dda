"""The browser-facing security headers every edge sends, on pages, API answers and errors alike.

A tiny after_request rather than flask-talisman: talisman's defaults force HTTPS and rewrite cookies, which a
lab served over plain HTTP on loopback would have to switch off one by one, and these four headers are all
the storefront needs.
"""

import base64
import hashlib
import re
from pathlib import Path

from flask import Flask

_BASE_TEMPLATE = Path(__file__).resolve().parent.parent / "templates" / "base.html"


def _inline_style_hash(template: Path = _BASE_TEMPLATE) -> str:
    """The CSP source of the storefront's one inline <style> block, so no other inline style may run."""
    found = re.search(r"<style>(.*?)</style>", template.read_text(encoding="utf-8"), re.DOTALL)
    if found is None:
        raise ValueError(f"{template} has no <style> block to allow")
    digest = hashlib.sha256(found.group(1).encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


# The storefront loads nothing from anywhere: no script at all, its one inline stylesheet (by hash), an empty
# data: favicon, and forms posting back to the same origin. Nothing may frame it.
CONTENT_SECURITY_POLICY = "; ".join(
    (
        "default-src 'none'",
        f"style-src {_inline_style_hash()}",
        "img-src data:",
        "form-action 'self'",
        "base-uri 'none'",
        "frame-ancestors 'none'",
    )
)
SECURITY_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",  # frame-ancestors' older spelling, for browsers that ignore CSP
    "Referrer-Policy": "no-referrer",
}


def install_security_headers(app: Flask) -> None:
    """Every answer of `app` (errors included: Flask runs after_request on them too) carries the headers."""

    @app.after_request
    def _security_headers(response):
        for name, value in SECURITY_HEADERS.items():
            response.headers.setdefault(name, value)
        return response
