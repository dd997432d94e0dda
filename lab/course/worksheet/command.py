"""The two commands: make worksheet (the pages, and the answers file once) and make check-worksheet."""

import sys
from pathlib import Path

from lab.course.worksheet import answers_file, checking, page
from lab.course.worksheet.evidence import gather
from lab.course.worksheet.questions import QUESTIONS
from lab.course.worksheet.worked import work_out
from lab.i18n import _


def write(results: Path) -> int:
    """The worksheet pages from the results there, and results/answers.toml unless it exists."""
    evidence = gather(results)
    for path in page.write_pages(evidence, results):
        print(_("wrote {path}").format(path=path))
    answers = results / "answers.toml"
    if answers_file.write_once(answers, [work_out(question, evidence) for question in QUESTIONS]):
        print(_("wrote {path}: fill it, then run make check-worksheet").format(path=answers))
    else:
        print(_("kept {path}: it holds your answers").format(path=answers))
    return 0


def check(answers: Path, results: Path) -> int:
    """Judge the answers file against the results there: 0 all right, 1 one wrong, 2 unreadable."""
    if not answers.is_file():
        print(_("{path} does not exist: run make worksheet first, then fill it").format(path=answers), file=sys.stderr)
        return 2
    try:
        given = answers_file.read(answers)
    except answers_file.MalformedAnswers as error:
        print(error, file=sys.stderr)
        return 2
    return checking.check(given, gather(results))
