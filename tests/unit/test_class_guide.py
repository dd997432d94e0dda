"""The class guide (docs/class/) is written from the steps: every page current, every step complete, and every
command a page shows one that `make class` and the tests run."""

import os
import re
import subprocess
import sys

import pytest

from lab.course import pages
from lab.course.runner import CHECKOUT, command_line
from lab.course.steps import STEPS, step
from lab.i18n import LANGUAGES
from tests.e2e.launching import MAKE_OWN

COMMAND_IN_PAGE = re.compile(r"`((?:make|podman|uname|\.venv/bin/)[^`]*)`")
ALSO_RUN = {"make class", "make class STEP=N", "make class STEP={number}"}  # run by tests/course/ and below
# A campaign named in prose as the source of a number ("measured by make bench-all"): not run here (it takes
# up to an hour), but it must name a target make knows, so a renamed one fails this test.
CITED = re.compile(r"(?<!`)\bmake ([a-z][a-z0-9_]*-[a-z0-9_-]*[a-z0-9]|test|demo|report|lint)\b")


def test_every_page_of_the_guide_is_as_the_steps_write_it():
    stale = [
        str(path.relative_to(CHECKOUT))
        for path, text in pages.pages().items()
        if not path.exists() or path.read_text(encoding="utf-8") != text
    ]
    assert not stale, f"run `.venv/bin/python -m lab.course.pages` and commit: {stale}"


def test_the_course_has_its_nine_steps_in_order_in_both_languages():
    assert [each.number for each in STEPS] == list(range(1, 10))
    for language in LANGUAGES:
        assert len(list((pages.GUIDE / language).glob("0?-*-answers.md"))) == 9


@pytest.mark.parametrize("each", STEPS, ids=lambda each: each.slug)
def test_a_step_has_its_demo_what_to_point_at_what_to_see_questions_and_exercise(each):
    assert each.demo and each.demo_minutes <= 5
    assert len(each.point_at) >= 2 and each.see
    assert 3 <= len(each.questions) <= 5 and all(q.ask and q.answer for q in each.questions)
    assert each.exercise.predict and each.exercise.measure and each.exercise.explain


def test_every_command_a_page_shows_is_one_the_steps_declare():
    declared = {shell.command for each in STEPS for shell in (*each.demo, *each.exercise.measure)}
    for path, text in pages.pages().items():
        shown = set(COMMAND_IN_PAGE.findall(text))
        number = int(path.name[:2]) if path.name[:2].isdigit() else None
        also = {command.format(number=number) for command in ALSO_RUN if number or "{" not in command}
        assert shown <= declared | also, f"{path.name} shows commands no test runs: {shown - declared - also}"


@pytest.mark.parametrize("each", STEPS, ids=lambda each: each.slug)
def test_every_make_command_of_a_step_names_a_target_make_knows(each):
    environment = {name: value for name, value in os.environ.items() if name not in MAKE_OWN}
    for shell in (*each.demo, *each.exercise.measure):
        if not shell.command.startswith("make "):
            continue
        dry = subprocess.run(
            f"{command_line(shell, fast=True)} -n",
            shell=True,
            cwd=CHECKOUT,
            env=environment,
            capture_output=True,
            text=True,
        )
        assert dry.returncode == 0, f"{shell.command}: {dry.stderr[-400:]}"


def test_every_campaign_a_page_cites_is_a_target_make_knows():
    environment = {name: value for name, value in os.environ.items() if name not in MAKE_OWN}
    cited = {target for text in pages.pages().values() for target in CITED.findall(text)}
    assert "bench-all" in cited
    for target in sorted(cited):
        dry = subprocess.run(["make", "-n", target], cwd=CHECKOUT, env=environment, capture_output=True, text=True)
        assert dry.returncode == 0, f"the guide cites make {target}: {dry.stderr[-300:]}"


def test_make_class_lists_every_step_with_its_demo():
    environment = {name: value for name, value in os.environ.items() if name not in MAKE_OWN}
    listed = subprocess.run(["make", "class"], cwd=CHECKOUT, env=environment, capture_output=True, text=True)
    assert listed.returncode == 0, listed.stderr
    for each in STEPS:
        assert f"{each.number}. {each.title}" in listed.stdout
        assert all(f"     {shell.command}" in listed.stdout for shell in each.demo)


def test_an_unknown_step_is_refused_naming_the_steps_there_are():
    with pytest.raises(ValueError, match="the steps are 1 to 9"):
        step(10)


def test_make_class_refuses_a_step_there_is_not_with_status_2():
    refused = subprocess.run([sys.executable, "-m", "lab", "class", "10"], cwd=CHECKOUT, capture_output=True, text=True)
    assert refused.returncode == 2 and "the steps are 1 to 9" in refused.stderr
