"""How the lab writes a figure, the report's charts and the trace's waterfalls alike: matplotlib without a
display, one grey for the database, a PNG file."""

from pathlib import Path

import matplotlib

matplotlib.use("Agg")  # files only, no display
import matplotlib.pyplot as plt  # noqa: E402

DATABASE_GREY = "#8c8c8c"


def save(figure, path: Path) -> Path:
    """Write the figure as a PNG and free it."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    if figure.get_layout_engine() is None:
        figure.tight_layout()
    figure.savefig(path, format="png")
    plt.close(figure)
    return path
