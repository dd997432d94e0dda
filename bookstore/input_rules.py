"""The edge contract's input rules as Pydantic models; every tier that accepts input validates with them."""

import re
from typing import Annotated, TypeVar

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints, ValidationError

from bookstore.errors import InvalidInput

MAX_ID = 2**31 - 1  # the largest id any supported database column holds
# Whitespace spelled out, for `\s` means three things here: Python's str.strip and regexes, Rust's (Pydantic's)
# and JSON Schema's ECMA-262 disagree on U+0085 and U+FEFF. The contract's patterns use these same classes.
WHITESPACE = "\t\n\x0b\x0c\r \x85\xa0\u1680" + "".join(map(chr, range(0x2000, 0x200B)))
WHITESPACE += "\u2028\u2029\u202f\u205f\u3000\ufeff"
CONTROL_CLASS = r"\u0000-\u001F\u007F"
SPACE_CLASS = "".join(f"\\u{ord(ch):04X}" for ch in WHITESPACE if ord(ch) >= 0x20)
_EMAIL_PART = f"[^@{SPACE_CLASS}{CONTROL_CLASS}]+"
EMAIL_PATTERN = f"^{_EMAIL_PART}@{_EMAIL_PART}\\.{_EMAIL_PART}$"


def _printable(text: str) -> str:
    if any(ord(ch) < 32 or ord(ch) == 127 for ch in text):
        raise ValueError("must not contain control characters")
    return text


def _printable_and_trimmed(value: object) -> object:
    # Checked before trimming, which would otherwise drop a leading or trailing tab, newline or CR unseen.
    return _printable(value).strip(WHITESPACE) if isinstance(value, str) else value


# Trimmed of surrounding spaces, but refused for a control character anywhere, at the ends too.
_TRIMMED_PRINTABLE = BeforeValidator(_printable_and_trimmed)


_Name = Annotated[str, StringConstraints(min_length=1, max_length=100), _TRIMMED_PRINTABLE]
_Street = Annotated[str, StringConstraints(min_length=1, max_length=200), _TRIMMED_PRINTABLE]
_City = Annotated[str, StringConstraints(min_length=1, max_length=100), _TRIMMED_PRINTABLE]
_PostalCode = Annotated[str, StringConstraints(min_length=1, max_length=20), _TRIMMED_PRINTABLE]


_EMAIL = re.compile(EMAIL_PATTERN)


def _email(text: str) -> str:
    if not _EMAIL.match(_printable(text)):
        raise ValueError("must be an email address: one @ with text on both sides, a dot in the domain, no spaces")
    return text


Email = Annotated[str, StringConstraints(max_length=254), AfterValidator(_email)]
# Any character a person can type, but no control characters (no database or XML stores NUL alike).
Password = Annotated[str, StringConstraints(min_length=8, max_length=128), AfterValidator(_printable)]
Id = Annotated[int, Field(ge=1, le=MAX_ID)]
Quantity = Annotated[int, Field(ge=1, le=100)]
Country = Annotated[str, StringConstraints(pattern=r"^[A-Z]{2}$")]


class _Body(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class Registration(_Body):
    """POST /api/accounts."""

    email: Email
    password: Password
    name: _Name


class Credentials(_Body):
    """POST /api/sessions."""

    email: Annotated[str, StringConstraints(max_length=254), AfterValidator(_printable)]
    password: Annotated[str, StringConstraints(max_length=128), AfterValidator(_printable)]


class Address(_Body):
    """Where an order ships to."""

    name: _Name
    street: _Street
    city: _City
    postal_code: _PostalCode
    country: Country


class OrderLine(_Body):
    """One requested book."""

    book_id: Id
    quantity: Quantity


class OrderRequest(_Body):
    """POST /api/orders."""

    items: Annotated[list[OrderLine], Field(min_length=1, max_length=20)]
    shipping_address: Address


class _Query(BaseModel):
    # Query strings are text: "2" must become 2, so these models are lax, unlike JSON bodies.
    model_config = ConfigDict(extra="ignore", frozen=True)


class BookQuery(_Query):
    """GET /api/books."""

    q: Annotated[str, StringConstraints(max_length=100), _TRIMMED_PRINTABLE] = ""
    page: Annotated[int, Field(ge=1, le=1_000_000)] = 1
    page_size: Annotated[int, Field(ge=1, le=100)] = 20


class QuoteQuery(_Query):
    """GET /api/shipping/quote."""

    book_id: Id
    quantity: Quantity
    country: Country


def _describe(error: ValidationError) -> str:
    first = error.errors()[0]
    where = ".".join(str(part) for part in first["loc"]) or "body"
    return f"{where}: {first['msg']}"


_Model = TypeVar("_Model", bound=BaseModel)


def parse_json(model: type[_Model], raw: bytes | str) -> _Model:
    """Validate a JSON document against a body model; InvalidInput says what is wrong."""
    try:
        return model.model_validate_json(raw)
    except ValidationError as error:
        raise InvalidInput(_describe(error)) from None


def parse_query(model: type[_Model], args: dict) -> _Model:
    """Validate query parameters against a query model; InvalidInput says what is wrong."""
    try:
        return model.model_validate(args)
    except ValidationError as error:
        raise InvalidInput(_describe(error)) from None
