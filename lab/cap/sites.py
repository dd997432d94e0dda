"""Two sites on one machine, joined by one link that can be cut: Linux network namespaces and veth pairs.

The lab (the root namespace) reaches each site over a link of its own; the sites reach each other only
over the link between them, so cutting it is a real network partition: packets are dropped, connections
time out. Everything here is created by the experiment in a private range of its own, and removed even
when a run fails or is interrupted (and at the next run, should the lab have been killed outright).
"""

import os
import shutil
import subprocess
from contextlib import contextmanager
from dataclasses import dataclass

from lab.launch.place import Place

RANGE = "10.213."  # 10.213.0.0/22: the between-sites link, then each site's link to the lab
NAMESPACES = ("lab-site-a", "lab-site-b")
LAB_SIDE_LINKS = ("lab-edge-a", "lab-edge-b")


class SitesUnavailable(RuntimeError):
    """Namespaces cannot be made here (not root, or no iproute2)."""


@dataclass(frozen=True)
class Sites:
    """Site A and site B as places, and where each reaches the other across the link between them."""

    a: Place = Place("lab-site-a", "10.213.1.2")
    b: Place = Place("lab-site-b", "10.213.2.2")
    a_across: str = "10.213.0.1"  # site A's address on the link between the sites
    b_across: str = "10.213.0.2"

    def partition(self) -> None:
        """Cut the link between the sites at site A's end: replication stops, and what site B sends is lost.

        Site B is not told: its route stays, so its connections to site A time out rather than being refused,
        as across a real network that failed somewhere in between.
        """
        _ip("-n", self.a.netns, "link", "set", "lab-wan-a", "down")

    def heal(self) -> None:
        """Join the sites again; the replica reconnects by itself."""
        _ip("-n", self.a.netns, "link", "set", "lab-wan-a", "up")


def _ip(*arguments: str, check: bool = True) -> subprocess.CompletedProcess:
    done = subprocess.run(["ip", *arguments], capture_output=True, text=True)
    if check and done.returncode != 0:
        raise RuntimeError(f"ip {' '.join(arguments)}: {done.stderr.strip()}")
    return done


def check_possible() -> None:
    """SitesUnavailable, saying why, where namespaces cannot be made; also when the range is already in use."""
    if os.geteuid() != 0:
        raise SitesUnavailable("the CAP experiment makes network namespaces and links, which takes root")
    if shutil.which("ip") is None:
        raise SitesUnavailable("the CAP experiment needs iproute2's ip command (apt-get install iproute2)")
    remove()
    taken = [line for line in _ip("-4", "-o", "addr").stdout.splitlines() if f" {RANGE}" in line]
    if taken:
        raise SitesUnavailable(f"{RANGE}0.0/22 is already in use here ({taken[0].split()[1]}): the experiment needs it")


def leftover_sites() -> list[str]:
    """The experiment's namespaces that exist now."""
    listed = _ip("netns", "list", check=False).stdout.split()
    return [netns for netns in NAMESPACES if netns in listed]


def remove() -> None:
    """Remove both sites and their links, whatever is left of them (deleting a namespace removes its ends)."""
    for link in LAB_SIDE_LINKS:
        _ip("link", "del", link, check=False)
    for netns in NAMESPACES:
        _ip("netns", "del", netns, check=False)


def _link(lab_side: str, site_side: str, netns: str, lab_address: str, site_address: str) -> None:
    _ip("link", "add", lab_side, "type", "veth", "peer", "name", site_side)
    _ip("link", "set", site_side, "netns", netns)
    _ip("addr", "add", f"{lab_address}/30", "dev", lab_side)
    _ip("link", "set", lab_side, "up")
    _ip("-n", netns, "addr", "add", f"{site_address}/30", "dev", site_side)
    _ip("-n", netns, "link", "set", site_side, "up")


@contextmanager
def two_sites():
    """Site A and site B, up and joined; removed at the end, whatever happens."""
    check_possible()
    sites = Sites()
    try:
        for netns in NAMESPACES:
            _ip("netns", "add", netns)
            _ip("-n", netns, "link", "set", "lo", "up")
        _ip("link", "add", "lab-wan-a", "type", "veth", "peer", "name", "lab-wan-b")
        for netns, end, address in (
            (NAMESPACES[0], "lab-wan-a", sites.a_across),
            (NAMESPACES[1], "lab-wan-b", sites.b_across),
        ):
            _ip("link", "set", end, "netns", netns)
            _ip("-n", netns, "addr", "add", f"{address}/30", "dev", end)
            _ip("-n", netns, "link", "set", end, "up")
        _link("lab-edge-a", "lab-in-a", NAMESPACES[0], "10.213.1.1", sites.a.address)
        _link("lab-edge-b", "lab-in-b", NAMESPACES[1], "10.213.2.1", sites.b.address)
        yield sites
    finally:
        remove()
