"""What a lecture step is made of. Every sentence is English marked with N_() and said with _() where shown, so
one definition gives the English and the Spanish page, and every command is one the tests run (tests/course/)."""

from dataclasses import dataclass, field

from lab.i18n import N_


@dataclass(frozen=True)
class Shell:
    """One command as the page shows it and `make class` runs it, from the checkout's root.

    fast: VAR=value words appended for a rehearsal (`make class STEP=N FAST=1`) and for the tests, which make a
    long command short without changing what it runs: `PROFILE=smoke`, `TRACE_VISITS=2`.
    serves: the path a command that runs until Ctrl-C (make run-<arch>, make ui-<arch>) answers once it is up;
    `make class` leaves it running for the commands after it. "{port}" and "{web_port}" stand for PORT and
    LOCUST_WEB_PORT.
    needs: what the command needs beyond `make setup`: "root", "podman", "npm", "haproxy"; the tests skip it,
    naming the need, where the machine lacks it.
    """

    command: str
    why: str
    fast: tuple[str, ...] = ()
    serves: str | None = None
    needs: tuple[str, ...] = ()


@dataclass(frozen=True)
class Question:
    """A question for the class, and the teacher's answer (shown on the answers page only)."""

    ask: str
    answer: str


@dataclass(frozen=True)
class Exercise:
    """Take-home work: predict, then measure with the commands, then explain. The worksheet (make worksheet)
    asks the same, filled with the student's own numbers."""

    predict: str
    measure: tuple[Shell, ...]
    explain: str


@dataclass(frozen=True)
class Step:
    """One lecture step: its live demo (at most five minutes), what to point at, what the students should see
    (with the lab's measured numbers, and why), questions, and the exercise."""

    number: int
    slug: str
    title: str
    idea: str
    demo: tuple[Shell, ...]
    point_at: tuple[str, ...]
    see: tuple[str, ...]
    questions: tuple[Question, ...]
    exercise: Exercise
    demo_minutes: float = 5
    read_more: tuple[str, ...] = field(default=())  # pages of docs/ or an architecture's folder, as paths


# Every exercise ends here: the student's own numbers in the worksheet's questions.
WORKSHEET = Shell("make worksheet", N_("Your worksheet, filled with your own numbers."))
