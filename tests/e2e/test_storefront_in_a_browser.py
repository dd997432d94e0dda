"""A person's path through the storefront, in headless Chromium against each architecture."""

import uuid

import pytest


@pytest.fixture
def page(browser):
    """A fresh page that records console errors."""
    context = browser.new_context()
    opened = context.new_page()
    opened.set_default_timeout(60_000)  # a deadline for a slow, busy machine, not a measure of speed
    opened.console_errors = []
    opened.on("console", lambda message: message.type == "error" and opened.console_errors.append(message.text))
    yield opened
    context.close()


def test_a_visitor_registers_searches_orders_and_sees_the_shipment(edge_url, page):
    email = f"browser-{uuid.uuid4().hex[:12]}@bookstore.test"
    page.goto(f"{edge_url}/register")
    page.fill("input[name=name]", "Grace")
    page.fill("input[name=email]", email)
    page.fill("input[name=password]", "a long password")
    page.click("button:has-text('Register')")
    assert "Account created" in page.inner_text("main")

    page.fill("input[name=email]", email)
    page.fill("input[name=password]", "a long password")
    page.click("button:has-text('Log in')")
    assert "No orders yet" in page.inner_text("main")
    page.click("header h1 a")
    page.fill("input[name=q]", "golden")
    page.click("button:has-text('Search')")
    first_hit = page.locator("tbody a").first
    title = first_hit.inner_text()
    assert "Golden" in title
    first_hit.click()
    assert page.inner_text("h2") == title
    stock_before = int(page.inner_text("main").split(" in stock")[0].split()[-1])

    for field, value in {"name": "Grace", "street": "1 Loop Rd", "city": "Arlington", "postal_code": "22201"}.items():
        page.fill(f"input[name={field}]", value)
    page.fill("input[name=quantity]", "2")
    page.click("button:has-text('Place order')")
    assert page.url.endswith("/orders")
    orders = page.inner_text("table")
    assert "(confirmed)" in orders and "label_created" in orders and f"2 × {title}" in orders
    page.click("tbody a")
    assert f"{stock_before - 2} in stock" in page.inner_text("main")
    assert page.console_errors == []


def test_a_bad_country_is_refused_with_a_message_and_nothing_is_ordered(edge_url, page):
    page.goto(f"{edge_url}/login")
    page.fill("input[name=email]", "reader5@bookstore.test")
    page.fill("input[name=password]", "bookstore-reader")
    page.click("button:has-text('Log in')")
    page.goto(f"{edge_url}/books/21")
    for field, value in {"name": "Ada", "street": "1 Loop Rd", "city": "X", "postal_code": "1"}.items():
        page.fill(f"input[name={field}]", value)
    page.evaluate("document.querySelector('input[name=country]').removeAttribute('pattern')")
    page.fill("input[name=country]", "usa")
    page.click("button:has-text('Place order')")
    assert "country" in page.inner_text("[role=alert]")
    page.goto(f"{edge_url}/orders")
    assert "No orders yet" in page.inner_text("main")
