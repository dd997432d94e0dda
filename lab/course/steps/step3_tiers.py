"""Step 3: One, two and three tiers, and layers."""

from lab.course.model import Exercise, Shell, Step
from lab.i18n import N_

STEP = Step(
    number=3,
    slug="tiers",
    title=N_("One, two and three tiers, and layers"),
    idea=N_(
        "The same layers (presentation, logic, data) placed in one process, in two, or in three servers: every tier boundary adds a network hop and a serialisation."
    ),
    demo=(
        Shell(
            "make trace-monolith",
            N_("One visit traced in the one-tier monolith: a waterfall with a single process."),
            fast=("TRACE_VISITS=2",),
        ),
        Shell(
            "make trace-monolith DB=postgres",
            N_("The two-tier variant: the data now in a PostgreSQL server."),
            fast=("TRACE_VISITS=2",),
        ),
        Shell(
            "make trace-three_tier",
            N_("Three tiers: presentation, application and data as separate servers."),
            fast=("TRACE_VISITS=2",),
        ),
    ),
    point_at=(),
    see=(),
    questions=(),
    exercise=Exercise(
        predict=N_(
            "How many milliseconds of CPU per request will the three tiers cost more than the one-tier monolith, at the same 100 shoppers?"
        ),
        measure=(
            Shell(
                "make bench-monolith PROFILE=users-100", N_("The monolith at 100 shoppers."), fast=("PROFILE=smoke",)
            ),
            Shell(
                "make bench-three_tier PROFILE=users-100",
                N_("The three tiers at the same load."),
                fast=("PROFILE=smoke",),
            ),
            Shell("make worksheet", N_("Your worksheet, filled with your own numbers.")),
        ),
        explain=N_(
            "Find where the extra CPU went in the report's CPU chart (per process). Which tier pays for the hops, and what would a faster network change, and what would it not?"
        ),
    ),
)
