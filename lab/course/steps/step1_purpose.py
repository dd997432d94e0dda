"""Step 1: What architecture is for."""

from lab.course.model import Exercise, Shell, Step
from lab.i18n import N_

STEP = Step(
    number=1,
    slug="purpose",
    title=N_("What architecture is for"),
    idea=N_(
        "Maintainability, scalability to millions, 24/7 reliability and latency: the qualities an architecture is chosen for, seen in four builds of one bookstore."
    ),
    demo=(
        Shell("make run-monolith", N_("The bookstore, one process: open the storefront and buy a book."), serves="/"),
        Shell(
            "make lint",
            N_(
                "Maintainability made a rule: the import contracts fail the build when a layer reaches where it must not."
            ),
        ),
    ),
    point_at=(),
    see=(),
    questions=(),
    exercise=Exercise(
        predict=N_(
            "Which of the four architectures will answer fastest at 100 shoppers, and which will serve the most requests per second before it saturates? Write your guesses and one reason for each."
        ),
        measure=(
            Shell(
                "make demo",
                N_("Every architecture at 100 and 1,000 shoppers and a short saturation run, into results/demo/."),
                fast=("DEMO_ARCHITECTURES=monolith",),
            ),
            Shell("make worksheet", N_("Your worksheet, filled with your own numbers.")),
        ),
        explain=N_(
            "Compare your guesses with results/demo/index.html. For each quality (latency, scalability, reliability, maintainability), name the architecture that paid most for it and what it paid."
        ),
    ),
)
