"""The worksheet as self-contained HTML pages, like the report's: worksheet.en.html, worksheet.es.html, and
worksheet.html in the chosen language (LAB_LANG, else the system locale's), each linking to the other language."""

from datetime import UTC, datetime
from pathlib import Path

from jinja2 import Environment, FileSystemLoader

from lab.course.model import Step
from lab.course.steps import STEPS
from lab.course.worksheet.evidence import Evidence
from lab.course.worksheet.questions import for_step
from lab.course.worksheet.worked import Outcome, work_out
from lab.i18n import LANGUAGES, _, chosen_language, ngettext, speaking

ENVIRONMENT = Environment(
    loader=FileSystemLoader(Path(__file__).parent / "templates"), autoescape=True, extensions=["jinja2.ext.i18n"]
)
ENVIRONMENT.install_gettext_callables(gettext=_, ngettext=ngettext)  # type: ignore[attr-defined]
LANGUAGE_NAMES = {"en": "English", "es": "Español"}


def file_name(language: str) -> str:
    return f"worksheet.{language}.html"


def _question_view(outcome: Outcome) -> dict:
    return {
        "id": outcome.question.id,
        "text": outcome.text,
        "how": outcome.question.how_checked(),
        "missing": outcome.missing_line() if outcome.missing else "",
        "sources": [source.where for source in outcome.sources],
        "caveats": outcome.caveats(),
    }


def _step_view(step: Step, evidence: Evidence) -> dict:
    exercise = step.exercise
    return {
        "number": step.number,
        "title": _(step.title),
        "predict": _(exercise.predict),
        "measure": [(shell.command, _(shell.why)) for shell in exercise.measure],
        "explain": _(exercise.explain),
        "questions": [_question_view(work_out(question, evidence)) for question in for_step(step.number)],
    }


def render(evidence: Evidence, language: str, other: str) -> str:
    """The worksheet in `language`, with a link to `other`'s page."""
    with speaking(language):
        return ENVIRONMENT.get_template("worksheet.html").render(
            language=language,
            steps=[_step_view(step, evidence) for step in STEPS],
            other={"href": file_name(other), "name": LANGUAGE_NAMES[other], "language": other},
            generated=datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        )


def write_pages(evidence: Evidence, folder: Path) -> list[Path]:
    """worksheet.<language>.html for every language, then worksheet.html in the chosen one; the paths written."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for language in LANGUAGES:
        other = next(each for each in LANGUAGES if each != language)
        path = folder / file_name(language)
        path.write_text(render(evidence, language, other), encoding="utf-8")
        written.append(path)
    chosen = chosen_language()
    other = next(each for each in LANGUAGES if each != chosen)
    (folder / "worksheet.html").write_text(render(evidence, chosen, other), encoding="utf-8")
    return [folder / "worksheet.html", *written]
