"""SOAP messages of the canonical model: what goes in comes out, and hostile XML is refused."""

import pytest

from soa import soap
from tests.hostile_xml import BILLION_LAUGHS, EXTERNAL_ENTITY


def test_a_message_reads_back_exactly_as_it_was_written():
    payload = {
        "book_id": 7,
        "q": "river",
        "empty": "",
        "ok": False,
        "none": None,
        "lines": [{"book_id": 1, "quantity": 2}],
        "address": {"country": "DE"},
    }
    operation, read, headers = soap.parse(soap.envelope("ReserveStock", payload, {"CorrelationId": "c-1"}))
    assert (operation, read, headers) == ("ReserveStock", payload, {"CorrelationId": "c-1"})


def test_a_fault_reads_back_as_a_fault_with_its_code():
    with pytest.raises(soap.Fault) as raised:
        soap.parse(soap.fault_envelope(soap.Fault("out_of_stock", "not enough stock for book 3")))
    assert (raised.value.code, raised.value.message, raised.value.blame) == (
        "out_of_stock",
        "not enough stock for book 3",
        "Client",
    )


@pytest.mark.parametrize("hostile", [BILLION_LAUGHS, EXTERNAL_ENTITY, b"<soap:Envelope", b"\xff\xfe", b""])
def test_hostile_or_malformed_xml_is_refused_without_being_expanded(hostile):
    with pytest.raises(soap.Fault) as raised:
        soap.parse(hostile)
    assert raised.value.code == "invalid_request"


def test_a_body_outside_the_bookstore_namespace_is_refused():
    foreign = b'<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><Other/></soap:Body></soap:Envelope>'
    with pytest.raises(soap.Fault, match="namespace"):
        soap.parse(foreign)


def test_a_value_that_contradicts_its_declared_type_is_refused():
    bad = soap.envelope("GetBook", {"book_id": 7}).replace(b">7<", b">seven<")
    with pytest.raises(soap.Fault, match="type"):
        soap.parse(bad)


def test_a_providers_description_is_well_formed_xml_listing_its_operations():
    from defusedxml.ElementTree import fromstring

    from soa.providers.provider import description

    def reserve(_payload, _headers):
        """Take stock for <lines> & more."""

    described = fromstring(description("Book", {"ReserveStock": reserve}))
    operation = described.find(f"{{{soap.BOOKSTORE_NS}}}operation")
    assert (described.get("name"), operation.get("name"), operation.text) == (
        "Book",
        "ReserveStock",
        "Take stock for <lines> & more.",
    )


@pytest.mark.parametrize("text", ["a\uffffb\ufffe", "line\r\nbreak", "nul\x00bell\x07", "Zoë \u202e\u0085 🐍"])
def test_text_that_xml_cannot_carry_as_it_is_reads_back_exactly(text):
    payload = {"name": text, "lines": [text], "address": {"street": text}}
    assert soap.parse(soap.envelope("Register", payload))[1] == payload


def test_a_base64_value_that_is_not_base64_is_refused():
    bad = soap.envelope("Register", {"name": "\uffff"}).replace(b">77+/<", b">not base64!<")
    with pytest.raises(soap.Fault, match="type"):
        soap.parse(bad)
