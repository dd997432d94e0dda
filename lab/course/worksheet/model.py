"""What a worksheet question is: its text, the runs it needs, and how its expected answer follows from them."""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Literal

from lab.i18n import _, number

Kind = Literal["number", "name", "free"]


@dataclass(frozen=True)
class Tolerance:
    """How far a numeric answer may be from the computed one: a share of it, but never less than `absolute`."""

    relative: float = 0.0
    absolute: float = 0.0

    def allowed(self, expected: float) -> float:
        return max(self.relative * abs(expected), self.absolute)

    def said(self, unit: str) -> str:
        """The tolerance as the page states it: "±10 %", "±10 %, at least ±0.1 ms", "exactly"."""
        share = f"±{number(self.relative * 100)} %"
        least = f"±{shown(self.absolute)} {unit}".rstrip()
        if self.relative and self.absolute:
            return _("{share}, at least {least}").format(share=share, least=least)
        if self.relative:
            return share
        return least if self.absolute else _("exactly")


@dataclass(frozen=True)
class Worked:
    """What the student's runs give a question: numbers for its text, and the expected answer (None: free text)."""

    facts: dict[str, float | str] = field(default_factory=dict)
    expected: float | str | None = None


@dataclass(frozen=True)
class Question:
    """One worksheet question, declared once: its id ("2.think_time", the step's number first), its English text
    (N_) with {placeholders} for the student's numbers, the records it needs (evidence.py), and `work`, which gets
    those records in order and gives the facts and the expected answer. `unit` is N_-marked English too."""

    id: str
    text: str
    kind: Kind = "free"
    needs: tuple[Any, ...] = ()
    work: Callable[..., Worked] | None = None
    unit: str = ""
    tolerance: Tolerance = Tolerance()

    @property
    def step(self) -> int:
        return int(self.id.split(".", 1)[0])

    @property
    def checked(self) -> bool:
        return self.kind != "free"

    def how_checked(self) -> str:
        """The line under the question: what kind of answer, in what unit, within what."""
        if self.kind == "name":
            return _("Answer with a name; checked without regard to case.")
        if self.kind == "free":
            return _("Free answer: not checked.")
        if self.tolerance == Tolerance():
            return _("Answer with a number ({unit}); checked exactly.").format(unit=_(self.unit))
        return _("Answer with a number ({unit}); checked within {tolerance}.").format(
            unit=_(self.unit), tolerance=self.tolerance.said(_(self.unit))
        )


def shown(value: float | str) -> str:
    """A number as the page writes it: fewer decimals as it grows, none trailing, in the language spoken now."""
    if isinstance(value, str):
        return value
    size = abs(value)
    decimals = 0 if size >= 100 else 1 if size >= 10 else 2 if size >= 1 else 3
    while decimals and round(value, decimals - 1) == round(value, decimals):
        decimals -= 1
    return number(value, decimals)
