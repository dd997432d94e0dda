"""SOAP 1.1 messages of the bookstore's canonical message model, parsed with a hardened XML parser.

A value travels as an element whose `t` attribute names its type, so that both sides read back
exactly what was sent: <price_cents t="int">1200</price_cents>, lists as repeated <item> elements.
Text that XML 1.0 cannot carry as it is (U+FFFE, U+FFFF, control characters, CR) travels base64-encoded.
"""

import base64
import re
import xml.etree.ElementTree as ET

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

SOAP_NS = "http://schemas.xmlsoap.org/soap/envelope/"
BOOKSTORE_NS = "urn:bookstore:soa:1"
# WS-Security's header: the caller's signed assertion (bookstore/internal_proof.py) rides in a
# <wsse:Security><wsse:BinarySecurityToken ValueType="...:jwt"> as a WS-Security token profile carries a JWT.
WSSE_NS = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd"
JWT_TOKEN_TYPE = "urn:ietf:params:oauth:token-type:jwt"
SECURITY = "Security"  # the headers' key of the token parse() found in the Security header
CONTENT_TYPE = "text/xml; charset=utf-8"
ET.register_namespace("soap", SOAP_NS)
ET.register_namespace("bs", BOOKSTORE_NS)
ET.register_namespace("wsse", WSSE_NS)
_SOAP, _BS, _WSSE = f"{{{SOAP_NS}}}", f"{{{BOOKSTORE_NS}}}", f"{{{WSSE_NS}}}"
# XML 1.0's characters, less CR, which a parser reads back as LF.
_XML_TEXT = re.compile("[\t\n\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]*")


class Fault(Exception):
    """A SOAP fault: who is to blame (Client or Server), a domain error code and a message."""

    def __init__(self, code: str, message: str, blame: str = "Client", retry_after_s: int | None = None):
        super().__init__(message)
        self.code, self.message, self.blame, self.retry_after_s = code, message, blame, retry_after_s


def _encode(parent: ET.Element, name: str, value) -> None:
    element = ET.SubElement(parent, name)
    if value is None:
        element.set("t", "null")
    elif isinstance(value, bool):
        element.set("t", "bool")
        element.text = "true" if value else "false"
    elif isinstance(value, int):
        element.set("t", "int")
        element.text = str(value)
    elif isinstance(value, str) and _XML_TEXT.fullmatch(value):
        element.text = value
    elif isinstance(value, str):
        element.set("t", "base64")
        element.text = base64.b64encode(value.encode("utf-8", "surrogatepass")).decode("ascii")
    elif isinstance(value, dict):
        element.set("t", "dict")
        for key, item in value.items():
            _encode(element, key, item)
    elif isinstance(value, (list, tuple)):
        element.set("t", "list")
        for item in value:
            _encode(element, "item", item)
    else:
        raise TypeError(f"{name}: {type(value).__name__} has no place in the canonical model")


def _decode(element: ET.Element):
    kind = element.get("t", "str")
    if kind == "null":
        return None
    if kind == "bool":
        return element.text == "true"
    if kind == "int":
        return int(element.text or "")
    if kind == "dict":
        return {child.tag: _decode(child) for child in element}
    if kind == "list":
        return [_decode(child) for child in element]
    if kind == "base64":
        return base64.b64decode(element.text or "", validate=True).decode("utf-8", "surrogatepass")
    return element.text or ""


def envelope(operation: str, payload: dict, headers: dict | None = None, security_token: str | None = None) -> bytes:
    """A SOAP request or response: headers (correlation id, caller), the WS-Security token, one operation."""
    root = ET.Element(f"{_SOAP}Envelope")
    header = ET.SubElement(root, f"{_SOAP}Header")
    for name, value in (headers or {}).items():
        ET.SubElement(header, f"{_BS}{name}").text = str(value)
    if security_token is not None:
        token = ET.SubElement(ET.SubElement(header, f"{_WSSE}Security"), f"{_WSSE}BinarySecurityToken")
        token.set("ValueType", JWT_TOKEN_TYPE)
        token.text = security_token
    body = ET.SubElement(root, f"{_SOAP}Body")
    message = ET.SubElement(body, f"{_BS}{operation}")
    for name, value in payload.items():
        _encode(message, name, value)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


def fault_envelope(fault: Fault) -> bytes:
    """A SOAP 1.1 fault with the domain error code in its detail."""
    root = ET.Element(f"{_SOAP}Envelope")
    body = ET.SubElement(root, f"{_SOAP}Body")
    element = ET.SubElement(body, f"{_SOAP}Fault")
    ET.SubElement(element, "faultcode").text = f"soap:{fault.blame}"
    ET.SubElement(element, "faultstring").text = fault.message
    detail = ET.SubElement(ET.SubElement(element, "detail"), f"{_BS}error")
    ET.SubElement(detail, "code").text = fault.code
    if fault.retry_after_s is not None:
        ET.SubElement(detail, "retry_after_s").text = str(fault.retry_after_s)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


def parse(raw: bytes) -> tuple[str, dict, dict]:
    """(operation, payload, headers) of a message; Fault for anything hostile or malformed.

    defusedxml refuses DTDs, entity declarations and external references, so an XML bomb or an
    external-entity payload is refused before anything is expanded or fetched.
    """
    try:
        root = fromstring(raw, forbid_dtd=True)
    except (DefusedXmlException, ET.ParseError, ValueError) as error:
        raise Fault("invalid_request", f"refused XML: {type(error).__name__}") from None
    body = root.find(f"{_SOAP}Body")
    if root.tag != f"{_SOAP}Envelope" or body is None or len(body) != 1:
        raise Fault("invalid_request", "not a SOAP 1.1 envelope with one body element")
    message = body[0]
    if message.tag == f"{_SOAP}Fault":
        code = message.findtext(f"detail/{_BS}error/code") or "internal_error"
        blame = (message.findtext("faultcode") or "soap:Server").split(":")[-1]
        wait = message.findtext(f"detail/{_BS}error/retry_after_s") or ""
        raise Fault(code, message.findtext("faultstring") or "fault", blame, int(wait) if wait.isdigit() else None)
    if not message.tag.startswith(_BS):
        raise Fault("invalid_request", "the operation is not in the bookstore namespace")
    header = root.find(f"{_SOAP}Header")
    headers = {}
    for child in header if header is not None else ():
        if child.tag == f"{_WSSE}Security":
            headers[SECURITY] = child.findtext(f"{_WSSE}BinarySecurityToken") or ""
        else:
            headers[child.tag.removeprefix(_BS)] = child.text or ""
    try:
        payload = {child.tag: _decode(child) for child in message}
    except (TypeError, ValueError):
        raise Fault("invalid_request", "a value does not match its declared type") from None
    return message.tag.removeprefix(_BS), payload, headers
