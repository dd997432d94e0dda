"""Answers of internal components become results or the domain errors they stand for."""

import pytest

from bookstore.edge.errors import payload_of_answer
from bookstore.errors import Conflict, Unavailable


def test_a_successful_answer_is_its_json_body():
    assert payload_of_answer(200, b'{"id": 7}', "catalog service") == {"id": 7}


def test_an_error_answer_is_raised_again_as_its_domain_error_with_its_code():
    with pytest.raises(Conflict) as raised:
        payload_of_answer(409, b'{"error": {"code": "out_of_stock", "message": "short"}}', "catalog service")
    assert raised.value.code == "out_of_stock"


@pytest.mark.parametrize("status", [200, 400, 502])
def test_an_answer_that_is_not_json_means_the_component_is_unavailable(status):
    with pytest.raises(Unavailable, match="catalog service answered something that is not JSON"):
        payload_of_answer(status, b"<html>Bad Gateway</html>", "catalog service")
