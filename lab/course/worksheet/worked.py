"""Each question worked out over the student's results: its text filled, its expected answer and where it came
from, or the commands that would make the runs it lacks."""

from dataclasses import dataclass

from lab.course.worksheet.evidence import Evidence, Source
from lab.course.worksheet.model import Question, Worked, shown
from lab.i18n import _

ELLIPSIS = "…"  # stands for a number whose run is missing


@dataclass(frozen=True)
class Outcome:
    """A question over these results: `missing` names the commands that fill its runs, else `worked` holds."""

    question: Question
    sources: tuple[Source, ...] = ()
    worked: Worked | None = None
    missing: tuple[str, ...] = ()
    unusable: bool = False  # the runs exist but do not hold what it needs (nothing completed in them)

    @property
    def text(self) -> str:
        """The question in the language spoken now, with the student's numbers (… where a run is missing)."""
        facts = self.worked.facts if self.worked else {}
        return _(self.question.text).format_map(_Filled({key: shown(value) for key, value in facts.items()}))

    @property
    def expected(self) -> float | str | None:
        return self.worked.expected if self.worked else None

    def missing_line(self) -> str:
        """What to run so the question gets its numbers."""
        commands = _(" and ").join(self.missing)
        if self.unusable:
            return _(
                "Your runs do not hold what this question needs (did requests complete?): run {commands} again."
            ).format(commands=commands)
        return _("Your results lack the runs this question needs: run {commands} first.").format(commands=commands)

    def caveats(self) -> list[str]:
        """Why the expected answer may be off: one line per reason, naming the flagged runs it rests on."""
        runs_by_reason: dict[str, list[str]] = {}
        for source in self.sources:
            for caveat in source.caveats:
                runs_by_reason.setdefault(caveat, []).append(source.where)
        every = [source.where for source in self.sources]
        return [
            _("It may be off: {why}.").format(why=why)
            if runs == every
            else _("The expected value rests on {where}, so it may be off: {why}.").format(
                where=", ".join(runs), why=why
            )
            for why, runs in runs_by_reason.items()
        ]


class _Filled(dict):
    def __missing__(self, key: str) -> str:
        return ELLIPSIS


def work_out(question: Question, evidence: Evidence) -> Outcome:
    """The question over the student's results."""
    found = [need.find(evidence) for need in question.needs]
    missing = tuple(need.command for need, source in zip(question.needs, found, strict=True) if source is None)
    if missing:
        return Outcome(question, missing=missing)
    sources = tuple(source for source in found if source is not None)
    try:
        worked = question.work(*(source.record for source in sources)) if question.work else Worked()
    except (ArithmeticError, TypeError, ValueError):  # a run with no throughput, no latency or no steps
        commands = tuple(need.command for need in question.needs)
        return Outcome(question, sources, missing=commands, unusable=True)
    return Outcome(question, sources, worked)
