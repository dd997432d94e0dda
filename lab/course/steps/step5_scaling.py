"""Step 5: Scale up against scale out."""

from lab.course.model import Exercise, Shell, Step
from lab.i18n import N_

STEP = Step(
    number=5,
    slug="scaling",
    title=N_("Scale up against scale out"),
    idea=N_(
        "A bigger machine, or more machines behind a balancer: on machines of their own (CPU quotas) behind HAProxy, both curves can be measured and the queueing model must predict them."
    ),
    demo=(
        Shell(
            "make bench-scaling ARCH=three_tier",
            N_("The application tier scaled up (workers) and out (instances) under 1,500 shoppers."),
            fast=("SCALING_SECONDS=10",),
        ),
    ),
    point_at=(),
    see=(),
    questions=(),
    exercise=Exercise(
        predict=N_(
            "From the SOA's CPU per request at 100 shoppers, predict the requests per second it can serve on the machine's two cores."
        ),
        measure=(
            Shell(
                "make bench-soa", N_("The SOA's bench: its saturation run finds its capacity."), fast=("PROFILE=smoke",)
            ),
            Shell("make worksheet", N_("Your worksheet, filled with your own numbers.")),
        ),
        explain=N_(
            "How far was your prediction from the measured knee, and why? Which component would you copy first, and what would then become the bottleneck?"
        ),
    ),
)
