"""Hardening every edge alike: browser security headers, and the failed log-in throttle (429 + Retry-After)."""

from edge_api import TIMEOUT, assert_error, assert_json, http, log_in, new_customer

SECURITY_HEADERS = ("Content-Security-Policy", "X-Content-Type-Options", "X-Frame-Options", "Referrer-Policy")
WRONG_PASSWORDS_ALLOWED = 10  # LOGIN_FAILURES_PER_ACCOUNT's default


def _assert_hardened(response) -> None:
    missing = [name for name in SECURITY_HEADERS if name not in response.headers]
    assert not missing, f"{response.request.url} lacks {missing}"
    assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"]
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["X-Frame-Options"] == "DENY"


def test_a_page_an_api_answer_and_an_error_carry_the_security_headers(edge_url):
    page = http.get(f"{edge_url}/", timeout=TIMEOUT)
    assert page.status_code == 200 and page.headers["Content-Type"].startswith("text/html")
    for response in (page, http.get(f"{edge_url}/api/books/1", timeout=TIMEOUT)):
        _assert_hardened(response)
    missing = http.get(f"{edge_url}/api/books/999999", timeout=TIMEOUT)
    assert_error(missing, 404, "not_found")
    _assert_hardened(missing)


def test_the_eleventh_wrong_password_is_throttled_and_other_accounts_are_not(edge_url):
    guessed, bystander = new_customer(edge_url), new_customer(edge_url)
    for attempt in range(WRONG_PASSWORDS_ALLOWED):
        assert_error(log_in(edge_url, guessed.email, f"wrong-password-{attempt}"), 401, "unauthorized")
    for password in ("wrong-password-again", guessed.password):  # even the right one waits out the window
        throttled = log_in(edge_url, guessed.email, password)
        assert_error(throttled, 429, "too_many_requests")
        assert int(throttled.headers["Retry-After"]) >= 1
        _assert_hardened(throttled)
    assert_json(log_in(edge_url, bystander.email, bystander.password), 200, "Session")
