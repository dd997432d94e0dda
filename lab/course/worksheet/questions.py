"""Every worksheet question, in the steps' order; each is declared once, in questions_early.py or questions_late.py."""

from lab.course.worksheet import questions_early, questions_late
from lab.course.worksheet.model import Question

QUESTIONS: tuple[Question, ...] = questions_early.QUESTIONS + questions_late.QUESTIONS


def for_step(number: int) -> list[Question]:
    return [question for question in QUESTIONS if question.step == number]
