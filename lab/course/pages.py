"""The class guide's pages, docs/class/<language>/, written from the steps (lab/course/steps/) in every language
the lab speaks: an index, a page per step and its answers on a page of its own. `python -m lab.course.pages`
writes them again after a step or a translation changes; a unit test fails while a page in git differs."""

import sys
from pathlib import Path

from lab.course.model import Shell, Step
from lab.course.steps import STEPS
from lab.i18n import LANGUAGES, _, number, speaking

GUIDE = Path(__file__).resolve().parent.parent.parent / "docs" / "class"


def page_name(step: Step, answers: bool = False) -> str:
    """A step's file name: its number first, so the folder lists the course's order."""
    return f"{step.number:02d}-{step.slug}{'-answers' if answers else ''}.md"


def _other(language: str) -> str:
    return next(other for other in LANGUAGES if other != language)


def _commands(shells: tuple[Shell, ...]) -> list[str]:
    lines = []
    for index, shell in enumerate(shells, 1):
        needs = f" ({_('needs {needs}').format(needs=', '.join(shell.needs))})" if shell.needs else ""
        lines.append(f"{index}. `{shell.command}`{needs}: {_(shell.why)}")
    return lines


def step_page(step: Step, language: str) -> str:
    """The page of one step in `language`."""
    title = _("Step {number}: {title}").format(number=step.number, title=_(step.title))
    links = " · ".join(
        [
            f"[{_('All steps')}](README.md)",
            f"[{_('Answers')}]({page_name(step, answers=True)})",
            f"[{_('In English') if language != 'en' else 'En español'}](../{_other(language)}/{page_name(step)})",
        ]
    )
    minutes = number(step.demo_minutes, 0 if step.demo_minutes == int(step.demo_minutes) else 1)
    lines = [f"# {title}", "", f"*{links}*", "", _(step.idea), ""]
    lines += [f"## {_('Live demo (about {minutes} minutes)').format(minutes=minutes)}", ""]
    lines += [
        _("`make class STEP={number}` runs these in order and then says what to point at:").format(number=step.number),
        "",
    ]
    lines += [*_commands(step.demo), "", f"## {_('What to point at')}", ""]
    lines += [f"- {_(item)}" for item in step.point_at]
    lines += ["", f"## {_('What the students should see')}", ""]
    for paragraph in step.see:
        lines += [_(paragraph), ""]
    lines += [f"## {_('Questions for the class')}", ""]
    lines += [f"{index}. {_(question.ask)}" for index, question in enumerate(step.questions, 1)]
    lines += [
        "",
        _("The teacher's answers are on [a page of their own]({page}).").format(page=page_name(step, answers=True)),
        "",
    ]
    exercise = step.exercise
    lines += [f"## {_('Exercise: predict, measure, explain')}", ""]
    lines += [f"**{_('Predict.')}** {_(exercise.predict)}", ""]
    lines += [f"**{_('Measure.')}**", "", *_commands(exercise.measure), ""]
    lines += [f"**{_('Explain.')}** {_(exercise.explain)}", ""]
    lines += [
        _(
            "The worksheet asks the same with your own numbers: results/worksheet.html, checked by "
            "make check-worksheet."
        ),
        "",
    ]
    if step.read_more:
        lines += [f"## {_('Read more')}", "", *[f"- [{path}](../../../{path})" for path in step.read_more], ""]
    return "\n".join(lines).rstrip() + "\n"


def answers_page(step: Step, language: str) -> str:
    """The teacher's answers to one step's questions in `language`."""
    title = _("Step {number}: {title}, the answers").format(number=step.number, title=_(step.title))
    lines = [f"# {title}", "", f"*[{_('Back to the step')}]({page_name(step)}) · [{_('All steps')}](README.md)*", ""]
    for index, question in enumerate(step.questions, 1):
        lines += [f"## {index}. {_(question.ask)}", "", _(question.answer), ""]
    return "\n".join(lines).rstrip() + "\n"


def index_page(language: str) -> str:
    """The guide's contents in `language`: the steps in the course's order, with their demo's length."""
    lines = [f"# {_('Class guide: Arquitecturas Comunes')}", ""]
    lines += [f"*[{_('In English') if language != 'en' else 'En español'}](../{_other(language)}/README.md)*", ""]
    lines += [
        _(
            "One page per lecture step: a live demo of at most five minutes, what the students should see "
            "with this lab's measured numbers, questions (the answers on a page of their own) and an "
            "exercise: predict, measure, explain. `make class` lists the steps; `make class STEP=N` runs a "
            "step's demo; `FAST=1` rehearses it with short runs."
        ),
        "",
    ]
    for step in STEPS:
        lines.append(f"{step.number}. [{_(step.title)}]({page_name(step)}): {_(step.idea)}")
    return "\n".join(lines).rstrip() + "\n"


def pages() -> dict[Path, str]:
    """Every page of the guide, in every language, by path."""
    written: dict[Path, str] = {}
    for language in LANGUAGES:
        with speaking(language):
            folder = GUIDE / language
            written[folder / "README.md"] = index_page(language)
            for step in STEPS:
                written[folder / page_name(step)] = step_page(step, language)
                written[folder / page_name(step, answers=True)] = answers_page(step, language)
    return written


def write() -> list[Path]:
    """Write every page whose text changed; the paths written."""
    changed = []
    for path, text in pages().items():
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
            changed.append(path)
    return changed


if __name__ == "__main__":
    for path in write():
        print(f"wrote {path}")
    sys.exit(0)
