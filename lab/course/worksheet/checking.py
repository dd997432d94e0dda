"""make check-worksheet: each numeric or name answer against the value the student's own runs give, one line per
question; exit 1 if any is wrong, 2 if the answers file cannot be read."""

import math
import re
from pathlib import Path

from lab.course.worksheet.evidence import Evidence
from lab.course.worksheet.model import shown
from lab.course.worksheet.questions import QUESTIONS
from lab.course.worksheet.worked import Outcome, work_out
from lab.i18n import _

WRONG, RIGHT = 1, 0


def as_number(answer: str | int | float) -> float | None:
    """A number however the student wrote it: 2.5, "2.5", "2,5", "1,234.5", "35 %"; None for anything else."""
    if isinstance(answer, int | float):
        return float(answer)
    text = answer.strip().rstrip("%").strip().replace(" ", "").replace("\u00a0", "")
    if "," in text and "." not in text and not re.fullmatch(r"-?\d{1,3}(,\d{3})+", text):
        text = text.replace(",", ".")  # a decimal comma, as Spanish writes it
    try:
        value = float(text.replace(",", ""))
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def name_key(name: str) -> str:
    """A name as compared: case and separators aside, so "Three tier" is three_tier."""
    return re.sub(r"[\s_-]+", "_", name.strip().lower())


def judge(outcome: Outcome, answer: str | int | float | None) -> tuple[str, bool]:
    """The line for one question, and whether it is wrong."""
    question = outcome.question
    if answer is None or (isinstance(answer, str) and not answer.strip()):
        return _("{id}: unanswered").format(id=question.id), False
    if not question.checked:
        return _("{id}: not checked (free text)").format(id=question.id), False
    if outcome.missing:
        return _("{id}: not checked: {why}").format(id=question.id, why=outcome.missing_line()), False
    expected = outcome.expected
    assert expected is not None  # a checked question's work gives one
    if question.kind == "name":
        right = name_key(str(answer)) == name_key(str(expected))
    else:
        given = as_number(answer)
        right = given is not None and abs(given - float(expected)) <= question.tolerance.allowed(float(expected)) + 1e-9
    caveats = "".join(" " + caveat for caveat in outcome.caveats())
    where = ", ".join(source.where for source in outcome.sources)
    if right and caveats:  # the runs it rests on, named before why they may be off
        return _("{id}: right, from {where}.").format(id=question.id, where=where) + caveats, False
    if right:
        return _("{id}: right").format(id=question.id), False
    unit = _(question.unit)
    value = (
        shown(expected) if question.kind == "name" else f"{shown(expected)} ({unit}, {question.tolerance.said(unit)})"
    )
    said = _("{id}: wrong: expected {value}, from {where}.").format(id=question.id, value=value, where=where)
    return said + caveats, True


def check(answers: dict[str, str | int | float], evidence: Evidence) -> int:
    """Print one line per question and one per unknown key; 1 if any answer is wrong, else 0."""
    wrong = False
    for question in QUESTIONS:
        line, missed = judge(work_out(question, evidence), answers.get(question.id))
        print(line)
        wrong = wrong or missed
    known = {question.id for question in QUESTIONS}
    for key in answers:
        if key not in known:
            print(_("{key}: no such question, ignored").format(key=key))
    return WRONG if wrong else RIGHT


def answers_path(given: str | None, results: Path) -> Path:
    return Path(given) if given else results / "answers.toml"
