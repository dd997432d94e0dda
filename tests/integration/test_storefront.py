"""The storefront's pages render over the same Store as the API."""


def test_the_catalog_page_lists_books_and_searches(client):
    page = client.get("/?q=crimson")
    assert page.status_code == 200
    assert b"The Crimson" in page.data


def test_a_book_page_shows_the_book_and_asks_to_log_in(client):
    page = client.get("/books/1")
    assert b"The Crimson River" in page.data and b"Log in</a> to order" in page.data


def test_a_reader_logs_in_orders_from_the_book_page_and_sees_the_shipment(client):
    login = client.post("/login", data={"email": "reader2@bookstore.test", "password": "bookstore-reader"})
    assert login.status_code == 302
    address = {"name": "Ada", "street": "1 Loop Rd", "city": "Springfield", "postal_code": "12345", "country": "US"}
    placed = client.post("/orders", data={"book_id": "5", "quantity": "2", **address})
    assert placed.status_code == 302 and placed.headers["Location"].endswith("/orders")
    orders = client.get("/orders")
    assert b"2 \xc3\x97 book 5" in orders.data and b"label_created" in orders.data


def test_a_wrong_password_shows_an_error_on_the_login_page(client):
    page = client.post("/login", data={"email": "reader2@bookstore.test", "password": "wrong-password"})
    assert page.status_code == 401 and b"wrong email or password" in page.data


def test_my_orders_needs_a_login(client):
    assert client.get("/orders").status_code == 302


def test_a_book_page_for_an_id_beyond_any_book_is_a_404_not_a_crash(client):
    assert client.get("/books/9223372036854775808").status_code == 404


def test_ordering_an_impossible_book_id_from_a_form_is_a_404(client):
    client.post("/login", data={"email": "reader2@bookstore.test", "password": "bookstore-reader"})
    for book_id in ("99999999999999999999", "²", "-1"):
        assert client.post("/orders", data={"book_id": book_id, "quantity": "1"}).status_code == 404
