"""One architecture's servers at one site, over a database the experiment runs (the primary at A, a replica at B)."""

from pathlib import Path

from sqlalchemy.engine import make_url

from lab.launch.data_tier import GivenDatabase
from lab.launch.launcher import Launch
from lab.launch.place import Place


class SiteLaunch(Launch):
    """An architecture's servers inside a site's namespace, bound to the site's addresses.

    database_url and replica_urls are as the site sees them; `prepares_data` says whether this start
    creates and seeds the tables (one site does it, on the primary, for both).
    """

    def __init__(
        self,
        name: str,
        place: Place,
        port: int,
        run_dir: Path,
        database_url: str,
        replica_urls: tuple[str, ...],
        settings: dict[str, str],
        prepares_data: bool,
    ):
        super().__init__(name, "postgres", port=port, run_dir=run_dir, settings=settings)
        self.place, self.prepares_data = place, prepares_data
        self._given = database_url, replica_urls

    def _data_tier(self) -> GivenDatabase:
        return GivenDatabase(*self._given)

    def database_of(self, context: str) -> str:
        """A context's database as the lab reaches it: through the site's own address, not its loopback."""
        url = make_url(super().database_of(context))
        if url.host in ("127.0.0.1", "localhost"):
            url = url.set(host=self.place.address)
        return url.render_as_string(hide_password=False)
