"""Step 8: Microservices."""

from lab.course.model import Exercise, Shell, Step
from lab.i18n import N_

STEP = Step(
    number=8,
    slug="microservices",
    title=N_("Microservices"),
    idea=N_(
        "Small, autonomous, stateless services with a database each, behind a gateway, an order as a saga: they scale by copying the one service that needs it, where a traditional app is cloned whole."
    ),
    demo=(
        Shell(
            "make chaos-microservices COMPONENT=catalog",
            N_("The catalog stopped under load: which pages still work."),
            fast=("CHAOS_SECONDS=10",),
        ),
        Shell(
            "make trace-microservices",
            N_("One visit through the gateway and the services: the saga's steps in the waterfall."),
            fast=("TRACE_VISITS=2",),
        ),
    ),
    point_at=(),
    see=(),
    questions=(),
    exercise=Exercise(
        predict=N_(
            "If the busiest service gets a second copy, which component becomes the bottleneck, and how much more will the whole serve?"
        ),
        measure=(
            Shell(
                "make bench-microservices PROFILE=users-1000",
                N_("1,000 shoppers: the CPU per service shows the busiest."),
                fast=("PROFILE=smoke",),
            ),
            Shell(
                "make bench-scaling ARCH=microservices",
                N_("The busiest service scaled out, 1, 2 and 4 copies."),
                fast=("SCALING_SECONDS=10",),
            ),
            Shell("make worksheet", N_("Your worksheet, filled with your own numbers.")),
        ),
        explain=N_(
            "Name the new bottleneck from your run's CPU per process. Why does copying one service help here when cloning the whole monolith would not?"
        ),
    ),
)
