"""The storefront's pages render over the same Store as the API."""

import pytest
from markupsafe import escape
from sqlalchemy import create_engine, delete

from bookstore.catalog.tables import books
from bookstore.errors import Unavailable

ADDRESS = {"name": "Ada", "street": "1 Loop Rd", "city": "Springfield", "postal_code": "12345", "country": "US"}


def log_in_and_order(client, *lines: tuple[int, int]) -> None:
    """Log in as seeded reader 2 and order each (book_id, quantity) from its book page's form."""
    client.post("/login", data={"email": "reader2@bookstore.test", "password": "bookstore-reader"})
    for book_id, quantity in lines:
        placed = client.post("/orders", data={"book_id": str(book_id), "quantity": str(quantity), **ADDRESS})
        assert placed.status_code == 302 and placed.headers["Location"].endswith("/orders")


def remove_books(database_url: str, *book_ids: int) -> None:
    """Take books out of the catalog behind the app's back (none when no id is given: every book)."""
    engine = create_engine(database_url)
    with engine.begin() as conn:
        conn.execute(delete(books).where(books.c.id.in_(book_ids)) if book_ids else delete(books))
    engine.dispose()


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
    placed = client.post("/orders", data={"book_id": "5", "quantity": "2", **ADDRESS})
    assert placed.status_code == 302 and placed.headers["Location"].endswith("/orders")
    orders = client.get("/orders")
    assert b"label_created" in orders.data


def test_my_orders_names_each_book_by_its_title_linked_to_its_page(client):
    title = client.get("/api/books/5").json["title"]
    log_in_and_order(client, (5, 2))
    page = client.get("/orders").get_data(as_text=True)
    assert f'<a href="/books/5">2 × {escape(title)}</a>' in page
    assert "book 5" not in page


def test_my_orders_reads_each_distinct_book_once(app, client, monkeypatch):
    log_in_and_order(client, (5, 1), (7, 1), (5, 2))
    store, books_read = app.extensions["store"], []
    read_book = store.get_book

    def counted_read(book_id: int) -> dict:
        books_read.append(book_id)
        return read_book(book_id)

    monkeypatch.setattr(store, "get_book", counted_read)
    assert client.get("/orders").status_code == 200
    assert sorted(books_read) == [5, 7]


def test_a_book_gone_from_the_catalog_keeps_its_number_on_my_orders(client, database_url):
    log_in_and_order(client, (5, 2), (7, 1))
    remove_books(database_url, 5)
    page = client.get("/orders")
    shown = page.get_data(as_text=True)
    assert page.status_code == 200 and "2 × book 5" in shown
    assert f"1 × {escape(client.get('/api/books/7').json['title'])}" in shown


def test_my_orders_still_show_while_the_catalog_cannot_answer(app, client, monkeypatch):
    log_in_and_order(client, (5, 2))

    def catalog_down(book_id: int) -> dict:
        raise Unavailable("the catalog is unavailable")

    monkeypatch.setattr(app.extensions["store"], "get_book", catalog_down)
    page = client.get("/orders")
    assert page.status_code == 200 and "2 × book 5" in page.get_data(as_text=True)


def test_a_search_without_a_match_says_so_and_links_to_the_whole_catalog(client):
    page = client.get("/?q=no-such-words").get_data(as_text=True)
    assert "No books match “no-such-words”." in page
    assert '<a href="/">See the whole catalog</a>' in page
    assert "<table>" not in page and "Page 1" not in page


@pytest.mark.parametrize(
    ("query", "saying"), [("/", "The catalog has no books yet."), ("/?q=crimson", "No books match “crimson”.")]
)
def test_an_empty_catalog_says_so_without_a_table(client, database_url, query, saying):
    remove_books(database_url)
    page = client.get(query).get_data(as_text=True)
    assert saying in page and "<table>" not in page and "Page 1" not in page


def test_one_match_is_one_book_and_a_page_past_the_last_says_so_without_a_table(client):
    title = client.get("/api/books/1").json["title"]
    assert f"1 book matching “{title}”." in client.get(f"/?q={title}").get_data(as_text=True)
    past = client.get("/?q=the&page=999").get_data(as_text=True)
    assert "Page 999 is past the last of" in past and "<table>" not in past
    assert '<a href="/?q=the">Back to the first page</a>' in past


def test_a_reader_without_orders_is_told_so_without_a_table(client):
    client.post("/login", data={"email": "reader3@bookstore.test", "password": "bookstore-reader"})
    page = client.get("/orders").get_data(as_text=True)
    assert "No orders yet." in page and "<table>" not in page


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
