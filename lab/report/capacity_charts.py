"""Report charts about cost: cores needed for an SLO, where the CPU goes, how far above the floor."""

from pathlib import Path

from matplotlib.lines import Line2D

from lab.i18n import _
from lab.i18n import number as language_number
from lab.report.style import (
    DATABASE_GREY,
    architecture_of,
    label_colour,
    language_ticks,
    no_data,
    number,
    ordered,
    plain_log_axes,
    plt,
    save,
)
from topology import registry

# Fixed colours, as each architecture declares them, so a process keeps its colour whichever architectures a chart
# shows; the database is always grey, its hot standbys a lighter grey.
COMPONENT_COLOURS = {
    **{name: colour for architecture in registry.ARCHITECTURES for name, colour in architecture.components.items()},
    "postgres-replica": "#c7c7c7",
}


def _depths() -> dict[str, int]:
    """How deep in its architecture each process sits, edge-side 0; where two share a name, the shallower."""
    depths: dict[str, int] = {}
    for architecture in registry.ARCHITECTURES:
        for depth, name in enumerate(architecture.components):
            depths[name] = min(depth, depths.get(name, depth))
    return depths


COMPONENT_DEPTHS = _depths()  # each stack in the order its architecture declares its components
DATABASES = {"postgres", "database", "sqlite"}
SPARE_COMPONENT_COLOURS = ("#aec7e8", "#98df8a", "#c5b0d5", "#c49c94", "#f7b6d2", "#dbdb8d", "#17becf", "#9edae5")


def _measured_key() -> Line2D:
    return Line2D(
        [],
        [],
        marker="*",
        markersize=12,
        linestyle="none",
        color="white",
        markeredgecolor="black",
        label=_("measured here: every process on this machine's shared cores, within the SLO"),
    )


def _hollow_key() -> Line2D:
    return Line2D(
        [],
        [],
        marker="o",
        linestyle="none",
        color="black",
        markerfacecolor="white",
        label=_("hollow: SLO not met (the note says what limits it)"),
    )


def component_colour(name: str) -> str:
    """The colour of a process in stacked bars; the same in every chart."""
    if name in DATABASES:
        return DATABASE_GREY
    if name in COMPONENT_COLOURS:
        return COMPONENT_COLOURS[name]
    if name.startswith("postgres-replica"):
        return COMPONENT_COLOURS["postgres-replica"]
    return SPARE_COMPONENT_COLOURS[sum(name.encode()) % len(SPARE_COMPONENT_COLOURS)]


def _component_rank(name: str) -> tuple[bool, int, str]:
    # Edge-side processes at the bottom of each stack, the database on top, as in lab/report/load_charts.py.
    database = name in DATABASES or name.startswith("postgres-replica")
    return (database, COMPONENT_DEPTHS.get(name, len(COMPONENT_DEPTHS)), name)


def cores_needed(
    plans: dict[str, list[dict]], slo_ms: float, path: Path, machine_cores: int = 2, measured: dict | None = None
) -> Path:
    """Cores each architecture needs to hold the SLO, against users; hollow where no core count is enough.

    measured: label -> [(users, mean ms)] of runs on this machine, starred where they kept the SLO on its cores.
    """
    figure, axes = plt.subplots(figsize=(8.5, 5.5), dpi=110)
    slo = number(slo_ms, positive=True)
    title = _("Cores needed to keep the mean response time under {ms} ms").format(ms=language_number(slo or 0))
    axes.set_title(title if slo else _("Cores needed"))
    axes.set_xlabel(_("concurrent users (log scale)"))
    axes.set_ylabel(_("cores (log scale)"))
    drawn = hollow = False
    labelled: dict[float, int] = {}  # labels already placed at each population: the next goes below them
    for label in ordered(plans or {}):
        rows = [row for row in plans[label] or [] if isinstance(row, dict)]
        rows = [(number(r.get("users"), True), number(r.get("total_cores"), True), r) for r in rows]
        rows = sorted((row for row in rows if None not in row[:2]), key=lambda row: row[0])
        if not rows:
            continue
        colour, drawn = label_colour(label), True
        axes.plot([r[0] for r in rows], [r[1] for r in rows], color=colour, linewidth=1, label=label)
        said = set()
        for users, cores, row in rows:
            met = row.get("feasible") is True
            axes.plot(users, cores, "o", color=colour, markerfacecolor=colour if met else "white")
            note = row.get("limit") or (_("SLO not met") if row.get("feasible") is False else _("feasibility unknown"))
            if not met:
                hollow = True
            if not met and note not in said:  # once per line: the same limit at every later point says nothing new
                said.add(note)
                # Labels on the right half point left, so that none runs past the frame.
                right, below = users >= 30_000, labelled.get(users, 0)
                labelled[users] = below + 1
                axes.annotate(
                    f"{label}: {note}",
                    (users, cores),
                    textcoords="offset points",
                    xytext=(-6 if right else 6, -12 - 11 * below),
                    ha="right" if right else "left",
                    fontsize=8,
                    color=colour,
                )
    if not drawn:
        no_data(axes)
        return save(figure, path)
    plain_log_axes(axes)
    cores = number(machine_cores, positive=True)
    starred = False
    if cores is not None:
        axes.axhline(
            cores,
            color="grey",
            linestyle=":",
            label=_("this machine: {cores} cores").format(cores=language_number(cores)),
        )
        for label, runs in (measured or {}).items():
            kept = [users for users, mean_ms in runs if number(mean_ms) is not None and mean_ms <= (slo or 0)]
            if kept:
                axes.plot(
                    kept,
                    [cores] * len(kept),
                    "*",
                    markersize=14,
                    color=label_colour(label),
                    markeredgecolor="black",
                    linestyle="none",
                )
                starred = True
    handles = axes.get_legend_handles_labels()[0]
    keys = [*([_measured_key()] if starred else []), *([_hollow_key()] if hollow else [])]
    # Below the axes, so that the key never hides a line or a label.
    axes.legend(handles=handles + keys, fontsize="small", loc="upper center", bbox_to_anchor=(0.5, -0.14), ncol=2)
    axes.grid(True, which="both", alpha=0.3)
    return save(figure, path)


def cpu_breakdown(bars: list[dict], path: Path) -> Path:
    """CPU milliseconds per edge request stacked by process, the load generator beside, the floor marked."""
    entries = [bar for bar in bars or [] if isinstance(bar, dict)]
    names = {name for bar in entries for name in (bar.get("components") or {})}
    figure, axes = plt.subplots(figsize=(max(8.0, 1.6 * len(entries) + 3), 5.5), dpi=110)
    axes.set_title(_("Where the CPU goes: CPU time per edge request, by process"))
    axes.set_ylabel(_("CPU milliseconds per request"))
    stacks = [i - 0.17 for i in range(len(entries))]
    totals = [0.0] * len(entries)
    for name in sorted(names, key=_component_rank):
        heights = [max(0.0, number((bar.get("components") or {}).get(name)) or 0.0) for bar in entries]
        if not any(heights):
            continue
        # No outline on a zero-height bar: it would draw a stray line on stacks without this process.
        outlines = [0.3 if height else 0.0 for height in heights]
        axes.bar(
            stacks,
            heights,
            width=0.34,
            bottom=totals,
            color=component_colour(name),
            label=name,
            edgecolor="black",
            linewidth=outlines,
        )
        totals = [total + height for total, height in zip(totals, heights, strict=True)]
    generator = [max(0.0, number(bar.get("load_generator_ms")) or 0.0) for bar in entries]
    floors = [number(bar.get("floor_ms"), positive=True) for bar in entries]
    if not any(totals) and not any(generator):
        no_data(axes)
        return save(figure, path)
    axes.bar(
        [i + 0.2 for i in range(len(entries))],
        generator,
        width=0.2,
        color="white",
        hatch="//",
        edgecolor="black",
        linewidth=0.5,
        label=_("load generator (Locust)"),
    )
    floor_label = _("floor: bare gunicorn + Flask")
    for index, (total, floor) in enumerate(zip(totals, floors, strict=True)):
        if floor is None:
            continue
        axes.hlines(
            floor, stacks[index] - 0.22, stacks[index] + 0.22, colors="black", linestyles="--", label=floor_label
        )
        floor_label = "_once in the legend"
        if total:
            axes.text(
                stacks[index],
                total,
                _("×{multiple} floor").format(multiple=language_number(total / floor, 1)),
                ha="center",
                va="bottom",
                fontsize=8,
            )
    axes.set_ylim(0, 1.15 * max(totals + generator + [f for f in floors if f is not None]))
    axes.set_xticks(range(len(entries)), [str(bar.get("label") or "") for bar in entries], fontsize="small")
    axes.legend(fontsize="small", loc="upper left", bbox_to_anchor=(1.0, 1.0))
    axes.grid(True, axis="y", alpha=0.3)
    language_ticks(axes.yaxis)
    return save(figure, path)


def floor_multiples(rows: list[dict], path: Path) -> Path:
    """Server CPU per request as a multiple of the floor, bare gunicorn + Flask, drawn at 1."""
    entries = [(str(r.get("label") or ""), number(r.get("multiple"), True)) for r in rows or [] if isinstance(r, dict)]
    entries = [(label, multiple) for label, multiple in entries if multiple is not None]
    figure, axes = plt.subplots(figsize=(8, max(3.0, 0.45 * len(entries) + 1.5)), dpi=110)
    axes.set_title(_("CPU per request as a multiple of the floor"))
    if not entries:
        no_data(axes)
        return save(figure, path)
    colours = [label_colour(label) if architecture_of(label) else "#999999" for label, _multiple in entries]
    axes.barh(range(len(entries)), [m for _label, m in entries], color=colours, edgecolor="black", linewidth=0.3)
    axes.set_yticks(range(len(entries)), [label for label, _multiple in entries])
    axes.invert_yaxis()  # first row on top, as the caller listed them
    axes.axvline(1, color="black", linestyle="--", linewidth=1, label=_("1 = bare gunicorn + Flask"))
    axes.legend(fontsize="small", loc="lower right")
    for index, (_label, multiple) in enumerate(entries):
        axes.text(multiple, index, f" ×{language_number(multiple, 1)}", va="center", fontsize=8)
    axes.set_xlim(0, 1.15 * max(1.0, *(m for _label, m in entries)))
    axes.set_xlabel(_("server CPU per request ÷ the floor's"))
    axes.grid(True, axis="x", alpha=0.3)
    language_ticks(axes.xaxis)
    return save(figure, path)
