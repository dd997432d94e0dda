"""Every link between the lab's pages leads somewhere: the file exists, and so does the heading it names."""

import re
from pathlib import Path

import pytest

from lab.paths import ROOT
from topology import registry

LINK = re.compile(r"\[[^\]]*\]\(([^)\s]+)\)")
PAGES = sorted([ROOT / "README.md", *ROOT.glob("*/README.md"), *ROOT.glob("docs/*.md")])


def outside_code(text: str) -> str:
    """The text with fenced code blocks left out: a link or a heading there is only an example."""
    return re.sub(r"^```.*?^```", "", text, flags=re.S | re.M)


def slug(heading: str) -> str:
    """The anchor GitHub gives a heading: lower case, punctuation dropped, spaces as hyphens."""
    kept = re.sub(r"[^\w\- ]", "", heading.strip().lower())
    return kept.replace(" ", "-")


def anchors(page: Path) -> set[str]:
    return {slug(line.lstrip("#")) for line in outside_code(page.read_text()).splitlines() if line.startswith("#")}


def links(page: Path) -> list[str]:
    return [
        target
        for target in LINK.findall(outside_code(page.read_text()))
        if not target.startswith(("http://", "https://", "mailto:"))
    ]


def test_every_architecture_has_a_page_and_the_readme_stays_short():
    for folder in registry.names():
        assert (ROOT / folder / "README.md").exists()
    assert len((ROOT / "README.md").read_text().splitlines()) <= 200


@pytest.mark.parametrize("page", PAGES, ids=lambda page: str(page.relative_to(ROOT)))
def test_every_link_of_a_page_leads_to_a_file_and_heading_that_exist(page):
    for target in links(page):
        path, _, anchor = target.partition("#")
        destination = (page.parent / path).resolve() if path else page
        assert destination.exists(), f"{page.name}: {target} leads nowhere"
        if anchor:
            assert anchor in anchors(destination), f"{page.name}: {target} names no heading of {destination.name}"
