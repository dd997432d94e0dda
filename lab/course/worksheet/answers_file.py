"""results/answers.toml: one quoted key per question, "" to fill, its question and unit in a comment above it.

Written once by make worksheet and never again, since it holds the student's answers; read by make
check-worksheet with tomllib, whose error names the line of a malformed file.
"""

import json
import tomllib
from pathlib import Path

from lab.course.worksheet.worked import Outcome
from lab.i18n import _


class MalformedAnswers(Exception):
    """An answers file that is not TOML, or holds something other than text or a number for a question."""


def template(outcomes: list[Outcome]) -> str:
    """The answers file to fill: every question's id as a key, in the steps' order."""
    lines = [
        "# " + _('Your worksheet\'s answers: fill each "", then run make check-worksheet.'),
        "# " + _('Numbers as numbers (2.5) or text ("2,5"); names as text; free answers as text, not checked.'),
    ]
    for outcome in outcomes:
        question = outcome.question
        lines += ["", f"# {question.id}: {_one_line(outcome.text)}", f"# {_one_line(question.how_checked())}"]
        lines.append(f'{json.dumps(question.id)} = ""')  # a TOML basic string is a JSON string for these ids
    return "\n".join(lines) + "\n"


def write_once(path: Path, outcomes: list[Outcome]) -> bool:
    """Write the answers file unless one is there already (the student's); whether it was written."""
    if path.exists():
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("x", encoding="utf-8") as new:  # "x": never over a file that appeared meanwhile
        new.write(template(outcomes))
    return True


def read(path: Path) -> dict[str, str | int | float]:
    """The answers by question id; MalformedAnswers saying what is wrong and where."""
    try:
        with path.open("rb") as answers:
            found = tomllib.load(answers)
    except tomllib.TOMLDecodeError as error:
        raise MalformedAnswers(_("{path} is not valid TOML: {error}").format(path=path, error=error)) from None
    for key, value in found.items():
        if isinstance(value, bool) or not isinstance(value, str | int | float):
            raise MalformedAnswers(
                _("{path}: the answer to {key} must be text or a number").format(path=path, key=json.dumps(key))
            )
    return found


def _one_line(text: str) -> str:
    return " ".join(text.split())
