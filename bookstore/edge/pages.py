"""The storefront for people in a browser: server-rendered pages over the same Store as the API."""

from flask import Blueprint, current_app, redirect, render_template, request, url_for
from pydantic import ValidationError

from bookstore.errors import BookstoreError, NotFound, Unauthorized, Unavailable
from bookstore.input_rules import MAX_ID, BookQuery, Credentials, OrderRequest, Registration, parse_query
from bookstore.store import Store

pages = Blueprint("pages", __name__)
SESSION_COOKIE = "bookstore_token"
ORDERS_SHOWN = 10


def _store() -> Store:
    return current_app.extensions["store"]


def _account() -> int | None:
    token = request.cookies.get(SESSION_COOKIE)
    if not token:
        return None
    try:
        return _store().authenticate(token)
    except Unauthorized:
        return None


def _render(template: str, status: int = 200, **context):
    context.setdefault("signed_in", _account() is not None)
    return render_template(template, architecture=current_app.config["ARCHITECTURE"], **context), status


def _form_error(error: Exception) -> str:
    if isinstance(error, ValidationError):
        first = error.errors()[0]
        return f"{'.'.join(str(p) for p in first['loc'])}: {first['msg']}"
    return str(getattr(error, "message", error))


def _titles(store: Store, book_ids: list[int]) -> dict[int, str]:
    """Each book's title, read once per distinct book: the Store has no batch read of books.

    A title only names the line: a book gone from the catalog, or a catalog that cannot answer now,
    leaves the line its number, so the orders still show when only the catalog is down.
    """
    titles = {}
    for book_id in dict.fromkeys(book_ids):
        try:
            titles[book_id] = store.get_book(book_id)["title"]
        except (NotFound, Unavailable):
            titles[book_id] = f"book {book_id}"
    return titles


@pages.get("/")
def catalog():
    """Catalog with search."""
    try:
        query = parse_query(BookQuery, request.args.to_dict())
    except BookstoreError as error:
        return _render("catalog.html", 400, error=error.message, result=None, query=BookQuery())
    return _render("catalog.html", result=_store().list_books(query), query=query)


@pages.get("/books/<int:book_id>")
def book(book_id: int):
    """One book, with an order form."""
    try:
        if book_id > MAX_ID:
            raise NotFound(f"book {book_id} not found")
        found = _store().get_book(book_id)
    except NotFound as error:
        return _render("message.html", 404, title="Not found", message=error.message)
    return _render("book.html", book=found, error=request.args.get("error"))


@pages.route("/login", methods=["GET", "POST"])
def login():
    """Log in with email and password; the token travels in an HttpOnly cookie."""
    if request.method == "GET":
        return _render("login.html")
    try:
        session = _store().log_in(Credentials(**request.form.to_dict()))
    except (BookstoreError, ValidationError, TypeError) as error:
        return _render("login.html", 401, error=_form_error(error))
    response = redirect(url_for("pages.my_orders"))
    response.set_cookie(SESSION_COOKIE, session["token"], httponly=True, samesite="Lax")
    return response


@pages.route("/register", methods=["GET", "POST"])
def register():
    """Create an account, then log in."""
    if request.method == "GET":
        return _render("register.html")
    try:
        _store().register(Registration(**request.form.to_dict()))
    except (BookstoreError, ValidationError, TypeError) as error:
        return _render("register.html", 400, error=_form_error(error))
    return _render("login.html", message="Account created: log in.")


@pages.post("/logout")
def logout():
    """Forget the session cookie."""
    response = redirect(url_for("pages.catalog"))
    response.delete_cookie(SESSION_COOKIE)
    return response


@pages.post("/orders")
def order():
    """Place an order for one book from the book page's form."""
    account_id = _account()
    if account_id is None:
        return redirect(url_for("pages.login"))
    form = request.form.to_dict()
    book_id, quantity = form.pop("book_id", ""), form.pop("quantity", "")
    if not (book_id.isascii() and book_id.isdigit()) or not 0 < int(book_id) <= MAX_ID:
        return _render("message.html", 404, title="Not found", message="no such book")
    try:
        wanted = OrderRequest.model_validate(
            {"items": [{"book_id": int(book_id), "quantity": int(quantity)}], "shipping_address": form}
        )
        _store().place_order(account_id, wanted)
    except (BookstoreError, ValidationError, ValueError) as error:
        return redirect(url_for("pages.book", book_id=int(book_id), error=_form_error(error)))
    return redirect(url_for("pages.my_orders"))


@pages.get("/orders")
def my_orders():
    """My newest orders with their shipments' status."""
    account_id = _account()
    if account_id is None:
        return redirect(url_for("pages.login"))
    store = _store()
    shown = store.list_orders(account_id)["items"][:ORDERS_SHOWN]
    for placed in shown:
        placed["shipment"] = store.get_shipment(account_id, placed["shipment_id"])
    titles = _titles(store, [line["book_id"] for placed in shown for line in placed["items"]])
    return _render("orders.html", orders=shown, titles=titles, profile=store.profile(account_id))
