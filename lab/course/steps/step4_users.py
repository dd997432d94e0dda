"""Step 4: 100 users, 1,000 users, 1,000,000 users."""

from lab.course.model import Exercise, Shell, Step
from lab.i18n import N_

STEP = Step(
    number=4,
    slug="users",
    title=N_("100 users, 1,000 users, 1,000,000 users"),
    idea=N_(
        '"100 users okay, 1,000 okay, 1,000,000 I don\'t believe it": a measured saturation run finds the knee, and a queueing model calibrated on it says what a million would need.'
    ),
    demo=(
        Shell(
            "make ui-three_tier",
            N_("Locust's web UI: start 100 shoppers, then 1,000, and watch throughput and response time."),
            serves="/",
        ),
        Shell("make report", N_("The report, rebuilt from your results: the hockey stick and the model's million.")),
    ),
    point_at=(),
    see=(),
    questions=(),
    exercise=Exercise(
        predict=N_(
            "From your 100-shopper run, predict the throughput at 1,000 shoppers, and how many cores a million shoppers would need at the CPU each request costs."
        ),
        measure=(
            Shell(
                "make bench-three_tier",
                N_("users-100, users-1000 and the saturation run, then the report."),
                fast=("PROFILE=smoke",),
            ),
            Shell("make worksheet", N_("Your worksheet, filled with your own numbers.")),
        ),
        explain=N_(
            "Where did the measured throughput stop following the users, and why there? What does the model assume that a million real users would break?"
        ),
    ),
)
