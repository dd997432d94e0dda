"""Shoppers who roam between sites (the CAP experiment): each request goes to a site picked at random.

LAB_SITES names the sites, "A=http://10.213.1.2:8000,B=http://10.213.2.2:8000"; unset, nothing roams.
A shopper sent to both sites sees what each one serves, so it notices when one serves older data.
"""

import random

try:
    from loadtests.settings import SETTINGS
except ImportError:  # `locust -f` run from outside the project root: the file's own folder is on sys.path
    from settings import SETTINGS

SITES: dict[str, str] = dict(SETTINGS.sites)


def site_of(url: str | None) -> str | None:
    """The site a request went to, from its URL."""
    return next((name for name, base in SITES.items() if url and url.startswith(base)), None)


class RoamingClient:
    """Wraps a Locust client: every request to a random site, grouped under its path as if there were one."""

    def __init__(self, client):
        self.client, self.site = client, None

    def _to_a_site(self, path: str, options: dict) -> str:
        self.site = random.choice(list(SITES))
        options.setdefault("name", path)  # as Locust names a relative URL: statistics stay per endpoint
        return SITES[self.site] + path

    def get(self, path: str, **options):
        return self.client.get(self._to_a_site(path, options), **options)

    def post(self, path: str, **options):
        return self.client.post(self._to_a_site(path, options), **options)

    @property
    def at(self) -> str:
        """Where the last request went, as a suffix for what it read (" @B"); empty before any."""
        return f" @{self.site}" if self.site else ""
