"""Step 7: SOA with an Enterprise Service Bus."""

from lab.course.model import Exercise, Shell, Step
from lab.i18n import N_

STEP = Step(
    number=7,
    slug="soa",
    title=N_("SOA with an Enterprise Service Bus"),
    idea=N_(
        "Consumers call the bus; the bus routes, transforms, orchestrates and audits calls to the Account, Book, Order and Shipping providers, over one shared enterprise database."
    ),
    demo=(
        Shell(
            "make trace-soa",
            N_("One visit through the bus: every provider call in the waterfall."),
            fast=("TRACE_VISITS=2",),
        ),
        Shell(
            "make chaos-soa COMPONENT=bus",
            N_("The bus stopped under load: what still works without it."),
            fast=("CHAOS_SECONDS=10",),
        ),
    ),
    point_at=(),
    see=(),
    questions=(),
    exercise=Exercise(
        predict=N_("What share of the SOA's CPU per request will the bus itself use?"),
        measure=(
            Shell(
                "make bench-soa PROFILE=users-100",
                N_("The SOA at 100 shoppers, CPU per process recorded."),
                fast=("PROFILE=smoke",),
            ),
            Shell("make worksheet", N_("Your worksheet, filled with your own numbers.")),
        ),
        explain=N_(
            "Where does the bus's CPU go (routing, transforming XML, orchestrating, auditing)? What does the bus buy the enterprise for that price?"
        ),
    ),
)
