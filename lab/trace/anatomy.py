"""What one trace shows: the processes a request crossed, its hops and statements, where it worked and where
it waited, and its critical path (the spans that, made faster, would make the request faster)."""

from dataclasses import dataclass

from lab.records.trace import TracedStep
from lab.trace.spans import Span

Interval = tuple[int, int]


def union(intervals: list[Interval]) -> list[Interval]:
    merged: list[Interval] = []
    for start, end in sorted(intervals):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def _length(intervals: list[Interval]) -> int:
    return sum(end - start for start, end in intervals)


def minus(intervals: list[Interval], holes: list[Interval]) -> list[Interval]:
    """The parts of `intervals` outside `holes` (both already merged)."""
    left = []
    for start, end in intervals:
        for hole_start, hole_end in holes:
            if hole_end <= start or hole_start >= end:
                continue
            if hole_start > start:
                left.append((start, hole_start))
            start = max(start, hole_end)
        if start < end:
            left.append((start, end))
    return left


@dataclass
class Anatomy:
    trace_id: str
    spans: list[Span]
    root: Span

    @property
    def children(self) -> dict[str, list[Span]]:
        found: dict[str, list[Span]] = {}
        for span in self.spans:
            found.setdefault(span.parent_id, []).append(span)
        return found

    @property
    def processes(self) -> list[str]:
        """The processes crossed, in the order the request reached them."""
        return list(dict.fromkeys(span.process for span in self.spans))

    @property
    def hops(self) -> int:
        return sum(span.is_call for span in self.spans)

    @property
    def statements(self) -> int:
        return sum(span.is_sql for span in self.spans)

    @property
    def total_ms(self) -> float:
        return self.root.ms

    def waiting(self, process: str) -> list[Interval]:
        """When this process waited on another one: its calls out were in flight."""
        return union([(s.start_ns, s.end_ns) for s in self.spans if s.process == process and s.is_call])

    def working(self, process: str) -> list[Interval]:
        """When this process held the request and was not waiting on another process (its SQL included)."""
        held = union([(s.start_ns, s.end_ns) for s in self.spans if s.process == process])
        return minus(held, self.waiting(process))

    def inside_ms(self) -> dict[str, float]:
        """Per process, the milliseconds it worked on the request."""
        return {process: _length(self.working(process)) / 1e6 for process in self.processes}

    def critical_path(self) -> list[tuple[Span, int, int]]:
        """(span, start, end) pieces: from the end of the request back, always the child that finished last."""
        children, pieces = self.children, []

        def walk(span: Span, until: int) -> None:
            cursor = min(span.end_ns, until)
            for child in sorted(children.get(span.span_id, []), key=lambda s: s.end_ns, reverse=True):
                if child.start_ns >= cursor:
                    continue
                child_end = min(child.end_ns, cursor)
                if child_end < cursor:
                    pieces.append((span, child_end, cursor))
                walk(child, child_end)
                cursor = max(child.start_ns, span.start_ns)
            if cursor > span.start_ns:
                pieces.append((span, span.start_ns, cursor))

        walk(self.root, self.root.end_ns)
        return sorted(pieces, key=lambda piece: piece[1])

    def row(self) -> dict:
        """The table's row: processes, hops, statements, total, and the process that held it longest."""
        inside = self.inside_ms()
        slowest = max(inside, key=inside.get)
        return {
            "processes": self.processes,
            "hops": self.hops,
            "statements": self.statements,
            "total_ms": round(self.total_ms, 2),
            "slowest_process": slowest,
            "slowest_ms": round(inside[slowest], 2),
        }


def anatomy(trace_id: str, spans: list[Span]) -> Anatomy:
    """The trace's anatomy; its root is the first span whose parent is not in it (the caller's own span)."""
    ids = {span.span_id for span in spans}
    roots = [span for span in spans if span.parent_id not in ids]
    return Anatomy(trace_id, spans, min(roots, key=lambda s: (s.start_ns, -s.end_ns)))


def saved(step: TracedStep) -> Anatomy:
    """A step's median trace as trace.json keeps it (lab/trace/run.py)."""
    return anatomy(step.trace_id, [Span(**span.model_dump()) for span in step.spans])


def median(anatomies: list[Anatomy]) -> Anatomy:
    """The trace of median total time (of an even number, the upper of the two middle ones): not a lucky one."""
    ordered = sorted(anatomies, key=lambda a: a.total_ms)
    return ordered[len(ordered) // 2]
