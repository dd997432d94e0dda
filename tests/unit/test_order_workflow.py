"""Placing an order, once for every architecture: the steps in order, and undoing what may have happened."""

import contextlib
import time

import pytest
from tenacity import stop_after_attempt, wait_none

from bookstore import deadline, retry_later
from bookstore.errors import AnswerLost, Conflict, DeadlineExceeded, InvalidInput, NotDelivered, NotFound, Unavailable
from bookstore.orders import workflow
from bookstore.orders.workflow import PlaceOrder

ADDRESS = {"name": "Ada", "street": "1 Loop", "city": "X", "postal_code": "1", "country": "US"}
GENEROUS_S = 60


class Components:
    """Every port at once, recording each call; `failing` maps a call to the errors it raises, one per call."""

    release_is_idempotent = True

    def __init__(self, **failing: Exception | list[Exception]):
        self.calls: list[str] = []
        self.failing = {
            name: errors if isinstance(errors, list) else [errors] * 1000 for name, errors in failing.items()
        }

    def _do(self, name: str, answer=None):
        self.calls.append(name)
        if self.failing.get(name):
            raise self.failing[name].pop(0)
        return answer

    def check(self, account_id):
        return self._do("check")  # noqa: E704

    def prices(self, book_ids):
        return self._do("prices", {3: 1000, 4: 250})  # noqa: E704

    def quote(self, quantity, country):
        return self._do("quote", {"cost_cents": 598, "eta_days": 3})  # noqa: E704

    def record(self, account_id, lines, shipping_cents, total_cents, address):  # noqa: E301
        self.recorded = (lines, shipping_cents, total_cents)
        return self._do("record", 11)

    def reserve(self, order_ref, lines):
        return self._do(f"reserve {order_ref}")  # noqa: E301, E704

    def release(self, order_ref, lines):
        return self._do(f"release {order_ref}")  # noqa: E704

    def create_shipment(self, order_id, account_id, address, quantity):
        return self._do("ship", 21)  # noqa: E704

    def cancel_shipment(self, order_id):
        return self._do(f"cancel {order_id}")  # noqa: E704

    def confirm(self, account_id, order_id, shipment_id):
        return self._do("confirm", {"id": order_id})  # noqa: E704

    def mark_failed(self, order_id):
        return self._do(f"mark failed {order_id}")  # noqa: E704


def place(components: Components, **options) -> dict:
    workflow = PlaceOrder(components, components, components, **options)
    return workflow(7, [(3, 2), (4, 1)], ADDRESS)


def undone(components: Components) -> list[str]:
    return components.calls[components.calls.index("record") + 1 :]


def test_an_order_prices_quotes_records_reserves_ships_and_confirms_in_that_order():
    components = Components()
    assert place(components, accounts=components) == {"id": 11}
    assert components.calls == ["check", "prices", "quote", "record", "reserve order-11", "ship", "confirm"]
    lines, shipping_cents, total = components.recorded
    assert [(li.book_id, li.quantity, li.unit_price_cents) for li in lines] == [(3, 2, 1000), (4, 1, 250)]
    assert (shipping_cents, total) == (598, 2 * 1000 + 250 + 598)


@pytest.mark.parametrize(("step", "error"), [("prices", NotFound("no book 4")), ("quote", Unavailable("down"))])
def test_a_failure_before_the_order_is_recorded_leaves_nothing_to_undo(step, error):
    components = Components(**{step: error})
    with pytest.raises(type(error)):
        place(components)
    assert "record" not in components.calls


def test_a_book_asked_for_twice_is_refused_before_anything_is_recorded():
    components = Components()
    with pytest.raises(InvalidInput):
        PlaceOrder(components, components, components)(7, [(3, 1), (3, 2)], ADDRESS)
    assert components.calls == ["prices"]


@pytest.mark.parametrize(
    ("failing", "expected_undo"),
    [
        ("reserve order-11", ["mark failed 11"]),  # refused: out of stock, nothing taken
        ("ship", ["release order-11", "mark failed 11"]),
        ("confirm", ["cancel 11", "release order-11", "mark failed 11"]),
    ],
)
def test_a_step_that_fails_with_an_answer_is_not_undone_and_the_earlier_ones_are_newest_first(failing, expected_undo):
    error = Conflict("short", code="out_of_stock") if failing.startswith("reserve") else Unavailable("refused")
    components = Components(**{failing: error})
    with pytest.raises(type(error)):
        place(components)
    assert undone(components)[undone(components).index(failing) + 1 :] == expected_undo


def test_a_step_whose_request_never_arrived_did_not_happen_and_is_not_undone():
    components = Components(ship=NotDelivered("no shipping instance"))
    with pytest.raises(NotDelivered):
        place(components)
    assert "cancel 11" not in components.calls and components.calls[-2:] == ["release order-11", "mark failed 11"]


def test_a_step_whose_answer_was_lost_may_have_happened_and_is_undone():
    components = Components(ship=AnswerLost("no answer"))
    with pytest.raises(AnswerLost):
        place(components)
    assert components.calls[-3:] == ["cancel 11", "release order-11", "mark failed 11"]


def test_a_lost_reservation_is_not_released_where_a_release_is_not_safe_without_one(caplog):
    components = Components(**{"reserve order-11": AnswerLost("no answer")})
    components.release_is_idempotent = False
    with pytest.raises(AnswerLost):
        place(components)
    assert "release order-11" not in components.calls and components.calls[-1] == "mark failed 11"
    assert "cannot safely be undone" in caplog.text


def test_in_one_transaction_nothing_is_undone_by_hand():
    components = Components(confirm=Unavailable("database down"))
    with pytest.raises(Unavailable):
        place(components, compensate=False)
    assert components.calls[-1] == "confirm"


def test_a_failure_injected_before_a_step_stops_there_and_undoes_what_came_before():
    def fail(step: str) -> None:
        if step == "ship":
            raise Unavailable("injected")

    components = Components()
    with pytest.raises(Unavailable):
        place(components, before_step=fail)
    assert "ship" not in components.calls and components.calls[-2:] == ["release order-11", "mark failed 11"]


@pytest.fixture
def retry_at_once(monkeypatch):
    monkeypatch.setattr(retry_later, "RETRY_LATER", {"stop": stop_after_attempt(5), "wait": wait_none()})


def eventually(components: Components, call: str) -> None:
    deadline = time.monotonic() + GENEROUS_S  # a background thread on a busy machine
    while call not in components.calls:
        assert time.monotonic() < deadline, f"{call} was never made"
        time.sleep(0.01)


def test_an_undo_that_cannot_reach_its_component_now_is_finished_in_the_background(retry_at_once):
    down_twice = [NotDelivered("shipping down"), NotDelivered("shipping down")]
    components = Components(confirm=Unavailable("refused"), **{"cancel 11": down_twice})
    with pytest.raises(Unavailable):
        place(components)  # the customer hears of the failure at once
    eventually(components, "mark failed 11")
    assert components.calls.count("cancel 11") == 3 and components.calls.count("release order-11") == 1


def test_an_undo_whose_answer_was_lost_is_repeated_only_where_repeating_is_safe(monkeypatch):
    left_for_later = []
    monkeypatch.setattr(workflow, "finish_later", lambda *arguments: left_for_later.append(arguments))
    components = Components(confirm=Unavailable("refused"), **{"release order-11": [AnswerLost("no answer")]})
    components.release_is_idempotent = False
    with pytest.raises(Unavailable):
        place(components)
    assert left_for_later == [] and components.calls.count("release order-11") == 1
    components = Components(confirm=Unavailable("refused"), **{"release order-11": [AnswerLost("no answer")]})
    with pytest.raises(Unavailable):
        place(components)  # the same, where a release may be repeated: it is left for later
    assert len(left_for_later) == 1


def test_a_step_the_budget_no_longer_covers_is_not_begun_and_what_came_before_is_undone():
    ran_out = deadline.within(60_000)

    class RunsOut(Components):
        def create_shipment(self, order_id, account_id, address, quantity):
            raise AssertionError("begun after the budget ran out")

        def _do(self, name, answer=None):
            deadline.check(name)  # as every client checks before it sends
            return super()._do(name, answer)

    components = RunsOut()
    original_reserve = components.reserve

    def reserve_then_run_out(order_ref, lines):
        original_reserve(order_ref, lines)
        stack.enter_context(deadline.within(0))  # the request's time is up while it reserves

    components.reserve = reserve_then_run_out
    with ran_out, contextlib.ExitStack() as stack, pytest.raises(DeadlineExceeded):
        place(components)
    # The undo ran without the spent budget (its calls would otherwise be refused): nothing is half-made.
    assert undone(components) == ["reserve order-11", "release order-11", "mark failed 11"]
