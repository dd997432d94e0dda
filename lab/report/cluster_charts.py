"""Charts of the cluster runs: capacity against machines, and what each request per second costs in cores."""

from pathlib import Path

import numpy
from matplotlib.lines import Line2D
from matplotlib.ticker import FixedLocator, FuncFormatter, NullLocator

from lab.i18n import _
from lab.model.cluster import ONE_MACHINE, Row
from lab.model.cluster_summary import path_name
from lab.model.usl import Fit
from lab.report.style import label_colour, no_data, number, ordered, plain, plt, save

# One look per way of scaling; replicas get their own, as a third way out.
PATH_STYLES = {"scaling up": ("-", "o"), "scaling out": ("--", "s")}
REPLICA_STYLES = ((":", "^"), ("-.", "D"))


def key() -> list[Line2D]:
    """The legend shared by the panels, in the language spoken now."""
    return [
        Line2D(
            [], [], color="black", linestyle="-", marker="o", label=_("measured: scaling up (x = size in 1× machines)")
        ),
        Line2D([], [], color="black", linestyle="--", marker="s", label=_("measured: scaling out (x = machines)")),
        Line2D(
            [], [], color="black", linestyle=":", marker="^", label=_("measured: scaling out with database replicas")
        ),
        Line2D(
            [], [], color="black", marker="o", markerfacecolor="none", linestyle="none", label=_("model's prediction")
        ),
        Line2D([], [], color="grey", linestyle=":", label=_("ideal: n × one machine")),
        Line2D([], [], color="grey", linestyle="-", alpha=0.6, label=_("Universal Scalability Law fit")),
    ]


def _style(name: str) -> tuple[str, str]:
    if name in PATH_STYLES:
        return PATH_STYLES[name]
    return REPLICA_STYLES[(int(name.split(" with ")[1].split()[0]) - 1) % len(REPLICA_STYLES)]


def _paths(rows: list[Row]) -> dict[str, list[Row]]:
    """Rows per way of scaling, each starting from one machine where it was measured."""
    one = [row for row in rows if row.configuration == ONE_MACHINE]
    paths: dict[str, list[Row]] = {}
    for row in rows:
        if row.configuration != ONE_MACHINE:
            paths.setdefault(path_name(row), list(one if not row.replicas else [])).append(row)
    return paths or ({"scaling out": one} if one else {})


def _panel(axes, label: str, rows: list[Row], fit: Fit | str | None) -> None:
    colour = label_colour(label)
    axes.set_title(label)
    sizes = sorted({row.n for row in rows})
    drawn, named = False, set()
    for index, (name, taken) in enumerate(_paths(rows).items()):
        style, marker = _style(name)
        measured = [(row.n, number(row.capacity_rps)) for row in taken if number(row.capacity_rps) is not None]
        if measured:
            xs, ys = zip(*measured, strict=True)
            axes.plot(xs, ys, linestyle=style, marker=marker, color=colour)
            for row in taken:
                if row.configuration in named or number(row.capacity_rps) is None:
                    continue
                named.add(row.configuration)
                offset = (4, -10 + 8 * index)  # each way of scaling its own line of names, so they do not overlap
                where = (row.n, row.capacity_rps)
                axes.annotate(row.bottleneck or "?", where, textcoords="offset points", xytext=offset, fontsize=6)
            drawn = True
        predicted = [(row.n, number(row.predicted_rps)) for row in taken if number(row.predicted_rps) is not None]
        if predicted:
            xs, ys = zip(*predicted, strict=True)
            axes.plot(xs, ys, linestyle="none", marker=marker, markerfacecolor="none", color=colour)
    one = next((row.capacity_rps for row in rows if row.configuration == ONE_MACHINE), None)
    line = numpy.linspace(1, max(sizes or [1]), 60)
    if one:
        axes.plot(line, one * line, color="grey", linestyle=":")
    if isinstance(fit, Fit):
        axes.plot(line, [fit.throughput(n) for n in line], color="grey", alpha=0.6)
    if not drawn:
        no_data(axes)
        return
    # A linear axis, so that the ideal is the straight line it is, and a bend away from it shows as one.
    axes.xaxis.set_major_locator(FixedLocator(sizes))
    axes.xaxis.set_major_formatter(FuncFormatter(plain))
    axes.xaxis.set_minor_locator(NullLocator())
    axes.set_xlim(0, max(sizes) * 1.2)  # room for the last point's name
    axes.set_xlabel(_("machines of the scaled components"))
    axes.set_ylim(bottom=0)
    axes.grid(True, alpha=0.3)


def cluster_scaling(found: dict[str, list[Row]], fits: dict[str, Fit | str], path: Path) -> Path:
    """Per architecture: measured capacity against machines, scaled up and out, the ideal, the model and the USL."""
    labels = ordered(label for label, rows in found.items() if rows)
    columns = max(1, min(2, len(labels)))
    lines = max(1, -(-len(labels) // columns))
    figure, grid = plt.subplots(
        lines, columns, figsize=(6 * columns, 4.2 * lines + 1), dpi=110, squeeze=False, layout="constrained"
    )
    figure.suptitle(_("Capacity on machines of their own: scaling up against scaling out, bottleneck at each point"))
    panels = [axes for line in grid for axes in line]
    for axes, label in zip(panels, labels, strict=False):
        _panel(axes, label, found[label], fits.get(label))
        axes.set_ylabel(_("capacity (requests/s)"))
    if not labels:
        no_data(panels[0])
    for axes in panels[len(labels) :] if labels else []:
        axes.set_visible(False)
    figure.legend(handles=key(), loc="outside lower center", ncol=3, fontsize="small")
    return save(figure, path)


def cores_per_100rps(found: dict[str, list[Row]], path: Path) -> Path:
    """Cores of all the quotas per 100 req/s of capacity, per configuration, an architecture per bar colour."""
    labels = ordered(label for label, rows in found.items() if rows)
    configurations = list(dict.fromkeys(row.configuration for label in labels for row in found[label]))
    figure, axes = plt.subplots(figsize=(max(7.0, 1.1 * len(configurations)), 5), dpi=110)
    axes.set_title(
        _(
            "Cores spent per 100 req/s of capacity: cloning the whole monolith\n"
            "against copying only the services that need it (microservices)"
        )
    )
    width = 0.8 / max(1, len(labels))
    drawn = False
    for index, label in enumerate(labels):
        by_name = {row.configuration: row for row in found[label]}
        xs, ys = [], []
        for position, name in enumerate(configurations):
            row = by_name.get(name)
            if row and number(row.capacity_rps, positive=True):
                xs.append(position + (index - (len(labels) - 1) / 2) * width)
                ys.append(100 * row.cores / row.capacity_rps)
        if xs:
            axes.bar(xs, ys, width=width, color=label_colour(label), label=label)
            drawn = True
    if not drawn:
        no_data(axes)
        return save(figure, path)
    axes.set_xticks(range(len(configurations)), configurations, rotation=30, ha="right")
    axes.set_ylabel(_("cores per 100 requests/s (fewer is cheaper)"))
    axes.grid(True, axis="y", alpha=0.3)
    axes.legend(fontsize="small")
    return save(figure, path)
