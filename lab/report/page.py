"""One self-contained HTML page: sections of text, charts embedded as data: URIs, and tables."""

import base64
import math
import mimetypes
import re
import statistics
from dataclasses import dataclass, field
from pathlib import Path

from jinja2 import Environment, FileSystemLoader

from lab.i18n import _, language, ngettext, number

NO_VALUE = "–"  # an en dash: the cell exists but has nothing measured
SHORT = 18  # characters: a column whose every cell is one word this short never wraps
ENVIRONMENT = Environment(
    loader=FileSystemLoader(Path(__file__).parent / "templates"), autoescape=True, extensions=["jinja2.ext.i18n"]
)
ENVIRONMENT.install_gettext_callables(gettext=_, ngettext=ngettext)  # type: ignore[attr-defined]


@dataclass
class Figure:
    """A chart (a PNG file) with its caption, which is also its alt text."""

    path: Path
    caption: str
    how_to_read: str = ""


@dataclass
class Table:
    """Rows of cells under headers; None shows as an en dash."""

    caption: str
    headers: list[str]
    rows: list[list[str | float | int | None]]
    note: str = ""


@dataclass
class Section:
    """A titled part of the page: paragraphs of plain text, then figures, then tables.

    missing: the one line shown instead, with the command that fills it, when there is no figure and every
    table is empty.
    """

    title: str
    intro: str = ""
    figures: list[Figure] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    id: str | None = None
    missing: str = ""

    @property
    def empty(self) -> bool:
        """Whether there is nothing measured to show: no figure, no table with a row."""
        return bool(self.missing) and not self.figures and not any(table.rows for table in self.tables)


@dataclass
class Summary:
    """The box at the top: what was run, the headline numbers, and what to run next."""

    ran: list[str]
    headline: Table
    next_steps: list[str]


def cell(value, decimals: int | None = None) -> str:
    """A table cell as text: an en dash for nothing, thousands separators, `decimals` places for a number.

    Without `decimals`, fewer places as numbers grow; a table gives each column one count (column_decimals).
    """
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return NO_VALUE
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, float) and not math.isfinite(value):
        return "∞" if value > 0 else "−∞"
    if isinstance(value, int | float) and decimals is not None:
        return number(value, decimals)
    if isinstance(value, int):
        return number(value)
    if isinstance(value, float):
        if abs(value) >= 100:
            return number(value)
        return number(value, 1) if abs(value) >= 10 else _three_digits(value)
    return str(value)


def _three_digits(value: float) -> str:
    # Three significant digits, trailing zeros dropped (2.5, 0.0123), in the language's own decimal mark.
    text = f"{value:.3g}"
    if "e" in text:
        return text
    return number(value, len(text.partition(".")[2]))


def column_decimals(values: list) -> int:
    """One count of decimal places for a column: none for whole numbers, else three digits for its middle value."""
    numbers = [abs(v) for v in values if _is_number(v) and math.isfinite(v)]
    if all(float(v).is_integer() for v in numbers):
        return 0
    middle = statistics.median(numbers) or max(numbers)
    return min(3, max(0, 2 - math.floor(math.log10(middle))))


def paragraphs(text: str) -> list[str]:
    """Plain text split on blank lines."""
    return [part.strip() for part in re.split(r"\n\s*\n", text or "") if part.strip()]


def data_uri(path: Path) -> str:
    """The file's bytes inline, so the page needs nothing beside it."""
    mime = mimetypes.guess_type(str(path))[0] or "image/png"
    return f"data:{mime};base64,{base64.b64encode(Path(path).read_bytes()).decode('ascii')}"


def _anchors(sections: list[Section]) -> list[str]:
    # Unique ids, so every table-of-contents link lands on its own section.
    taken: set[str] = set()
    anchors = []
    for index, section in enumerate(sections, start=1):
        base = section.id or re.sub(r"[^a-z0-9]+", "-", section.title.lower()).strip("-") or f"section-{index}"
        anchor, suffix = base, 2
        while anchor in taken:
            anchor, suffix = f"{base}-{suffix}", suffix + 1
        taken.add(anchor)
        anchors.append(anchor)
    return anchors


def _figure_view(figure: Figure) -> dict:
    return {"src": data_uri(figure.path), "caption": figure.caption, "how_to_read": paragraphs(figure.how_to_read)}


def _is_number(value) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _one_short_word(text: str) -> bool:
    return len(text) <= SHORT and not any(character.isspace() for character in text)


def _table_view(table: Table) -> dict:
    # A column of numbers (dashes allowed) is right-aligned, so digits line up and a dash sits where a number would.
    width = max((len(row) for row in table.rows), default=0)
    columns = [[row[index] for row in table.rows if index < len(row)] for index in range(width)]
    numeric = [any(map(_is_number, column)) and all(_is_number(v) or v is None for v in column) for column in columns]
    decimals = [column_decimals(column) if numeric[index] else None for index, column in enumerate(columns)]
    texts = [[cell(value, decimals[index]) for index, value in enumerate(row)] for row in table.rows]
    # A column of single short words ("users-1000", "+350%") keeps each on one line, as numbers are.
    short = [all(_one_short_word(row[index]) for row in texts if index < len(row)) for index in range(width)]
    kinds = ["number" if numeric[i] else "short" if short[i] else "" for i in range(width)]
    rows = [[(text, kinds[index]) for index, text in enumerate(row)] for row in texts]
    headers = [(header, index < width and numeric[index]) for index, header in enumerate(table.headers)]
    return {"caption": table.caption, "headers": headers, "rows": rows, "note": paragraphs(table.note)}


def _section_view(section: Section, anchor: str) -> dict:
    if section.empty:
        return {"id": anchor, "title": section.title, "missing": section.missing}
    return {
        "id": anchor,
        "title": section.title,
        "paragraphs": paragraphs(section.intro),
        "figures": [_figure_view(figure) for figure in section.figures],
        "tables": [_table_view(table) for table in section.tables if table.rows],
    }


def render_page(
    title: str, sections: list[Section], path: Path, generated: str, summary: Summary | None = None
) -> Path:
    """Write the report page to path and return it; every image is embedded, nothing is fetched."""
    view = [_section_view(section, anchor) for section, anchor in zip(sections, _anchors(sections), strict=True)]
    box = summary and {"ran": summary.ran, "headline": _table_view(summary.headline), "next_steps": summary.next_steps}
    html = ENVIRONMENT.get_template("report.html").render(
        title=title, generated=generated, sections=view, summary=box, language=language()
    )
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(html, encoding="utf-8")
    return path
