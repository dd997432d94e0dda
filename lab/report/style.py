"""What every report chart shares: colours per architecture, plain log ticks, "no data yet", saving."""

import math
import numbers
import re
import zlib

from matplotlib.ticker import FuncFormatter, LogFormatter, ScalarFormatter

# Shared with the trace's waterfalls (lab/figures.py); the report's modules take them from here.
from lab.figures import DATABASE_GREY as DATABASE_GREY
from lab.figures import plt as plt
from lab.figures import save as save
from lab.i18n import _
from lab.i18n import number as language_number
from topology import registry

# In the registry's order, from fewest to most processes, so charts read from left to right as the course tells it.
LABEL_COLOURS = {line.label: line.colour for architecture in registry.ARCHITECTURES for line in architecture.charts}
LABEL_ORDER = tuple(LABEL_COLOURS)

# Labels outside LABEL_ORDER get a stable colour from the rest of the cycle; not grey C7, which reads as the database.
SPARE_COLOURS = ("C5", "C6", "C8", "C9")


def architecture_of(label: str) -> str | None:
    """The LABEL_ORDER entry a label names or starts with ("soa", "soa: bus", "soa users-1000"), else None."""
    label = str(label or "")
    for known in sorted(LABEL_ORDER, key=len, reverse=True):
        if label == known or (label.startswith(known) and label[len(known)] in " :(/,"):
            return known
    return None


def label_colour(label: str) -> str:
    """The colour of an architecture label: the one its declaration gives its chart line."""
    known = architecture_of(label)
    if known is not None:
        return LABEL_COLOURS[known]
    return SPARE_COLOURS[zlib.crc32(str(label).encode()) % len(SPARE_COLOURS)]


def ordered(labels) -> list[str]:
    """Labels in LABEL_ORDER first, any others after them alphabetically."""
    rank = {label: index for index, label in enumerate(LABEL_ORDER)}
    return sorted(labels, key=lambda label: (rank.get(label, len(rank)), str(label)))


def number(value, positive: bool = False) -> float | None:
    """A finite float, or None for None, NaN, text and (when positive) values a log axis cannot show."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real) or not math.isfinite(value):
        return None
    if positive and value <= 0:
        return None
    return float(value)


def plain(value: float, _position=None) -> str:
    """A tick label without exponents: 1,000,000 rather than 10^6, in the language's own separators."""
    return language_number(value) if value >= 1 else _general(value)


def compact(value: float, _position=None) -> str:
    """A tick label for a user count in a narrow panel: 100, 1k, 10k, 1M."""
    for size, suffix in ((1_000_000, "M"), (1_000, "k")):
        if value >= size:
            return _general(value / size) + suffix
    return _general(value)


def _general(value: float) -> str:
    # As Python's :g writes it (0.5, 2.5, 10), with the language's decimal mark.
    text = f"{value:g}"
    return text if "e" in text else language_number(value, len(text.partition(".")[2]))


class PlainMinorLabels(LogFormatter):
    """Minor tick labels only when few decades are in view (matplotlib's own rule), written plainly."""

    def __init__(self):
        super().__init__(labelOnlyBase=False, minor_thresholds=(1.5, 0.6))

    def __call__(self, value, position=None):
        return plain(value) if super().__call__(value, position) else ""


class LanguageTicks(ScalarFormatter):
    """matplotlib's linear tick labels, with the decimals it chooses, written with the language's separators."""

    def __call__(self, value, position=None):
        text = super().__call__(value, position)
        if not re.fullmatch(r"[-−]?\d+(\.\d+)?", text):
            return text  # an offset, an exponent or an empty label: as matplotlib wrote it
        return language_number(value, len(text.partition(".")[2]))


def language_ticks(*axes) -> None:
    """Linear axes (an axes' xaxis or yaxis) labelled as the language writes numbers: 2.5 in English, 2,5 in Spanish."""
    for axis in axes:
        axis.set_major_formatter(LanguageTicks())


def plain_log_axes(axes, x: bool = True, y: bool = True) -> None:
    """Log scale with plain tick labels; minor ticks labelled only where a narrow range needs them."""
    for on, axis, scale in ((x, axes.xaxis, axes.set_xscale), (y, axes.yaxis, axes.set_yscale)):
        if on:
            scale("log")
            axis.set_major_formatter(FuncFormatter(plain))
            axis.set_minor_formatter(PlainMinorLabels())


def nice_log_limits(axes, values, axis: str = "y") -> None:
    """Log limits that end on labelled ticks (1, 2, 3 or 5 times a power of ten) around every value."""
    shown = [v for v in values if number(v, positive=True)]
    if not shown:
        return
    low, high = min(shown), max(shown)
    below = max(nice for nice in _nice_values(low) if nice <= low)
    above = min(nice for nice in _nice_values(high) if nice >= high)
    if below == above:
        below, above = below / 2, above * 2
    (axes.set_ylim if axis == "y" else axes.set_xlim)(below, above)


def _nice_values(value: float) -> list[float]:
    power = 10 ** math.floor(math.log10(value))
    return [step * power * scale for scale in (0.1, 1, 10) for step in (1, 2, 3, 5)]


def no_data(axes) -> None:
    """Say so on an axes with nothing to draw, rather than leaving a blank frame."""
    axes.text(0.5, 0.5, _("no data yet"), ha="center", va="center", transform=axes.transAxes, color="grey")
    axes.tick_params(which="both", bottom=False, left=False, labelbottom=False, labelleft=False)
