"""A saturation step's stop reason, recorded in English by the load generator (loadtests/saturation.py, which
knows nothing of the lab's catalogs), said in the reader's language: each recorded form read back by its fields."""

import re

from lab.i18n import _, number

_FORMS = [
    (re.compile(r"no request completed"), lambda m: _("no request completed")),
    (
        re.compile(r"(?P<share>[\d.]+)% of requests failed"),
        lambda m: _("{share}% of requests failed").format(share=number(float(m["share"]), 1)),
    ),
    (
        re.compile(r"p95 passed (?P<limit>\d+) ms"),
        lambda m: _("p95 passed {limit} ms").format(limit=m["limit"]),
    ),
    (
        re.compile(r"throughput grew (?P<grew>-?\d+)% while users grew (?P<users>-?\d+)%"),
        lambda m: _("throughput grew {grew}% while users grew {users}%").format(grew=m["grew"], users=m["users"]),
    ),
]


def shown(reason: str | None) -> str:
    """The reason in the language spoken now; one of another form as it was recorded."""
    for form, said in _FORMS:
        match = form.fullmatch(reason or "")
        if match:
            return said(match)
    return reason or ""
