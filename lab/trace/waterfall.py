"""A trace as a waterfall: one lane per process, spans nested in rows, the database's statements in grey,
waiting on another process hatched apart from working, the critical path underlined in red."""

from pathlib import Path

from matplotlib.patches import Patch

from lab.figures import DATABASE_GREY, plt, save
from lab.i18n import _, number
from lab.trace.anatomy import Anatomy, minus, union
from lab.trace.spans import Span

WORKING, WAITING, CRITICAL = "#4c72b0", "white", "#c0392b"


def key() -> list[Patch]:
    """The legend, in the language spoken now."""
    return [
        Patch(facecolor=WORKING, label=_("working")),
        Patch(facecolor=WAITING, edgecolor="grey", hatch="///", label=_("waiting on another process")),
        Patch(facecolor=DATABASE_GREY, label=_("SQL statement (light: taking a connection)")),
        Patch(facecolor=CRITICAL, label=_("critical path")),
    ]


def _depths(anatomy: Anatomy) -> dict[str, int]:
    """Each span's row within its process's lane: how many of its ancestors ran in the same process."""
    by_id, depth = {s.span_id: s for s in anatomy.spans}, {}
    for span in anatomy.spans:
        parent, level = by_id.get(span.parent_id), 0
        while parent is not None and parent.process == span.process:
            level, parent = level + 1, by_id.get(parent.parent_id)
        depth[span.span_id] = level
    return depth


def _layout(anatomy: Anatomy) -> tuple[dict[str, int], dict[str, int], dict[str, int]]:
    """Each span's depth in its lane, each lane's first row and its height in rows."""
    depth, rows, height, next_row = _depths(anatomy), {}, {}, 0
    for process in anatomy.processes:
        height[process] = 1 + max(depth[s.span_id] for s in anatomy.spans if s.process == process)
        rows[process], next_row = next_row, next_row + height[process]
    return depth, rows, height


def _callee(anatomy: Anatomy, call: Span) -> str:
    answered = [s.process for s in anatomy.children.get(call.span_id, []) if s.process != call.process]
    return answered[0] if answered else "?"


def draw(axes, anatomy: Anatomy, title: str, start_ns: int | None = None) -> None:
    """The waterfall of one trace on `axes`, in ms from `start_ns` (the trace's start unless given)."""
    start_ns = anatomy.root.start_ns if start_ns is None else start_ns
    depth, rows, height = _layout(anatomy)

    def ms(ns: int) -> float:
        return (ns - start_ns) / 1e6

    def bar(row: int, begin: int, end: int, **style) -> None:
        axes.barh(row, max(ms(end) - ms(begin), 0.01), left=ms(begin), height=0.7, **style)

    waiting = {p: anatomy.waiting(p) for p in anatomy.processes}
    for span in anatomy.spans:
        row = rows[span.process] + depth[span.span_id]
        if span.is_database:
            bar(row, span.start_ns, span.end_ns, color=DATABASE_GREY if span.is_sql else "#c8c8c8")
        elif span.is_call:
            bar(row, span.start_ns, span.end_ns, color=WAITING, edgecolor="grey", hatch="///", linewidth=0.5)
            axes.text(ms(span.end_ns), row, f" → {_callee(anatomy, span)}", va="center", fontsize=7)
        else:
            for begin, end in minus(union([(span.start_ns, span.end_ns)]), waiting[span.process]):
                bar(row, begin, end, color=WORKING)
            for begin, end in union(
                [
                    (max(b, span.start_ns), min(e, span.end_ns))
                    for b, e in waiting[span.process]
                    if b < span.end_ns and e > span.start_ns
                ]
            ):
                bar(row, begin, end, color=WAITING, edgecolor="grey", hatch="///", linewidth=0.5)
            if depth[span.span_id] == 0:
                axes.text(ms(span.start_ns), row - 0.45, span.name, fontsize=7, va="bottom")
    for span, begin, end in anatomy.critical_path():
        axes.plot([ms(begin), ms(end)], [rows[span.process] + depth[span.span_id] + 0.42] * 2, color=CRITICAL, lw=2.5)
    axes.set_yticks([rows[p] + (height[p] - 1) / 2 for p in anatomy.processes], anatomy.processes)
    for process in anatomy.processes[1:]:
        axes.axhline(rows[process] - 0.5, color="#dddddd", linewidth=0.8)
    axes.set_ylim(sum(height.values()) - 0.4, -0.9)
    axes.set_title(title, fontsize=10, loc="left")
    axes.grid(axis="x", color="#eeeeee")


def waterfall(anatomy: Anatomy, title: str, path: Path) -> Path:
    """One trace's waterfall as a PNG."""
    figure, axes = plt.subplots(figsize=(10, 1.6 + 0.45 * sum(_layout(anatomy)[2].values())), dpi=110)
    draw(axes, anatomy, title)
    axes.set_xlabel(_("ms since the request reached the edge"))
    axes.legend(handles=key(), loc="lower right", bbox_to_anchor=(1, 1.04), fontsize=7, ncols=2, frameon=False)
    return save(figure, path)


def side_by_side(anatomies: dict[str, Anatomy], title: str, path: Path) -> Path:
    """Several traces (one per architecture) stacked on one shared time axis."""
    heights = [1 + sum(_layout(a)[2].values()) for a in anatomies.values()]
    figure, axes = plt.subplots(
        len(anatomies),
        1,
        sharex=True,
        figsize=(10, 1 + 0.42 * sum(heights)),
        dpi=110,
        gridspec_kw={"height_ratios": heights},
        squeeze=False,
    )
    for each, (label, anatomy) in zip(axes[:, 0], anatomies.items(), strict=True):
        draw(each, anatomy, _("{label}: {ms} ms").format(label=label, ms=number(anatomy.total_ms, 1)))
    axes[-1, 0].set_xlabel(_("ms since the request reached the edge"))
    figure.suptitle(title)
    axes[0, 0].legend(handles=key(), loc="lower right", bbox_to_anchor=(1, 1.04), fontsize=7, ncols=2, frameon=False)
    return save(figure, path)
