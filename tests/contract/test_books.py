"""Contract tests for GET /api/books and GET /api/books/{id}."""

import uuid

import pytest
from edge_api import assert_error, book, books_page, get


@pytest.fixture(scope="module")
def first_page(edge_url):
    return books_page(edge_url)


def found_by_search(edge_url: str, q: str, book_id: int) -> bool:
    """Page through the results of `q`, checking each matches, until `book_id` shows up."""
    for page in range(1, 101):
        body = books_page(edge_url, q=q, page=page, page_size=100)
        for item in body["items"]:
            assert q.lower() in f"{item['title']}\n{item['author']}".lower(), item
        if any(item["id"] == book_id for item in body["items"]):
            return True
        if page * 100 >= body["total"]:
            return False
    return False


def test_the_first_page_has_the_default_page_size(first_page):
    assert first_page["page"] == 1
    assert first_page["page_size"] == 20
    assert len(first_page["items"]) == min(20, first_page["total"])
    assert first_page["total"] >= 1


def test_page_and_page_size_choose_the_slice(edge_url, first_page):
    body = books_page(edge_url, page=2, page_size=5)
    assert (body["page"], body["page_size"]) == (2, 5)
    assert len(body["items"]) == 5
    second_slice = [item["id"] for item in first_page["items"][5:10]]
    assert [item["id"] for item in body["items"]] == second_slice


def test_the_largest_page_size_is_accepted(edge_url):
    body = books_page(edge_url, page_size=100)
    assert len(body["items"]) == min(100, body["total"])


def test_a_search_finds_a_book_by_a_word_of_its_title(edge_url, first_page):
    target = first_page["items"][0]
    word = max(target["title"].split(), key=len)
    assert found_by_search(edge_url, word.upper(), target["id"])


def test_a_search_finds_a_book_by_its_author(edge_url, first_page):
    target = first_page["items"][1]
    assert found_by_search(edge_url, target["author"].lower(), target["id"])


def test_a_search_that_matches_nothing_answers_an_empty_page(edge_url):
    body = books_page(edge_url, q=uuid.uuid4().hex)
    assert body["items"] == []
    assert body["total"] == 0


def test_the_longest_search_text_is_accepted(edge_url):
    assert books_page(edge_url, q="x" * 100)["total"] == 0


@pytest.mark.parametrize(
    "params",
    [
        {"page_size": 101},
        {"page_size": 0},
        {"page_size": -1},
        {"page_size": "ten"},
        {"page": 0},
        {"page": -1},
        {"page": "abc"},
        {"page": "1.5"},
        {"q": "x" * 101},
    ],
    ids=repr,
)
def test_an_invalid_list_parameter_is_refused_with_invalid_request(edge_url, params):
    assert_error(get(edge_url, "/api/books", **params), 400, "invalid_request")


def test_one_book_has_its_details_and_agrees_with_the_list(edge_url, first_page):
    summary = first_page["items"][0]
    detail = book(edge_url, summary["id"])
    assert {key: detail[key] for key in summary if key != "stock"} == {
        key: value for key, value in summary.items() if key != "stock"
    }


def test_an_unknown_book_is_not_found(edge_url):
    assert_error(get(edge_url, "/api/books/999999999"), 404, "not_found")


@pytest.mark.parametrize("book_id", ["abc", "0", "-1", "1.5", "1e3", "%20"])
def test_a_book_id_that_is_not_a_positive_integer_is_not_found(edge_url, book_id):
    assert_error(get(edge_url, f"/api/books/{book_id}"), 404, "not_found")
