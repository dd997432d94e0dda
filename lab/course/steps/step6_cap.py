"""Step 6: Is scaling out easy? CAP."""

from lab.course.model import Exercise, Shell, Step
from lab.i18n import N_

STEP = Step(
    number=6,
    slug="cap",
    title=N_("Is scaling out easy? CAP"),
    idea=N_(
        "Two sites, a real network partition between them: a consistent (CP) design refuses what it cannot check, an available (AP) one answers with what it has, possibly stale."
    ),
    demo=(
        Shell(
            "make cap-monolith MODE=CP",
            N_("The cut with consistency first: site B refuses, fast, what needs the primary."),
            needs=("root",),
        ),
        Shell(
            "make cap-monolith MODE=AP",
            N_("The same cut, availability first: site B answers from its replica, possibly stale."),
            needs=("root",),
        ),
    ),
    point_at=(),
    see=(),
    questions=(),
    exercise=Exercise(
        predict=N_(
            "During a partition in AP mode, how many of site B's reads will be stale, and how many of its writes refused?"
        ),
        measure=(
            Shell("make cap-microservices MODE=AP", N_("The microservices cut apart in AP mode."), needs=("root",)),
            Shell("make worksheet", N_("Your worksheet, filled with your own numbers.")),
        ),
        explain=N_(
            "Count the stale reads in your run and explain them from the replica's lag. Which of the bookstore's operations may be stale, and which never?"
        ),
    ),
)
