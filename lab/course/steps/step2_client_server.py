"""Step 2: Client and server."""

from lab.course.model import Exercise, Shell, Step
from lab.i18n import N_

STEP = Step(
    number=2,
    slug="client-server",
    title=N_("Client and server"),
    idea=N_(
        "One server answers many clients over one contract: the same requests from Postman, from a browser and from a thousand simulated shoppers."
    ),
    demo=(
        Shell("make ui-monolith", N_("The server, and Locust's web UI as a thousand clients."), serves="/"),
        Shell(
            "make postman ARCH=monolith",
            N_("The Postman collection, run by newman, against the same server: every request checked."),
            needs=("npm",),
        ),
    ),
    point_at=(),
    see=(),
    questions=(),
    exercise=Exercise(
        predict=N_(
            "Your shoppers think 1 to 5 s between requests. How many requests per second will 100 of them send, and what mean response time will they see at that load?"
        ),
        measure=(
            Shell(
                "make bench-monolith PROFILE=users-100",
                N_("100 shoppers for a minute, every answer checked."),
                fast=("PROFILE=smoke",),
            ),
            Shell("make worksheet", N_("Your worksheet, filled with your own numbers.")),
        ),
        explain=N_(
            "Use the interactive response time law (N = X · (R + Z)) on your run: from the users N, the throughput X and the response time R, what think time Z did the shoppers have? Why is X not simply 100 / 3?"
        ),
    ),
)
