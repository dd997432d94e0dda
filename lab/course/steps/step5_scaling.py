"""Step 5: Scale up against scale out."""

from lab.course.model import WORKSHEET, Exercise, Question, Shell, Step
from lab.i18n import N_

STEP = Step(
    number=5,
    slug="scaling",
    title=N_("Scale up against scale out"),
    idea=N_(
        "A bigger machine, or more machines behind a balancer. On one shared machine neither buys much, since every copy takes turns on the same cores; on machines of their own (cgroups with CPU quotas) behind HAProxy both curves can be measured, and the queueing model, calibrated on one machine at light load, must predict them."
    ),
    demo=(
        Shell(
            "make bench-scaling ARCH=three_tier",
            N_(
                "The application tier scaled up (1, 2, 4 workers in one instance) and out (2, 4 instances) under 1,500 shoppers, then the report."
            ),
            fast=("SCALING_PROFILE=smoke", "SCALING_CONFIGURATIONS=up-1,out-2"),
        ),
    ),
    point_at=(
        N_(
            'The section "Scaling up against scaling out" of results/index.html: throughput and p95 for each configuration, up as a solid line, out as a dashed one (results/scaling_three_tier.png).'
        ),
        N_(
            "docs/figures/cluster_scaling.png: capacity against the number of machines for each architecture, beside the ideal straight line; point at where each curve leaves it."
        ),
        N_(
            'The three_tier table under "What it measured" in docs/cluster.md: the bottleneck column moves from the application tier to postgres at four machines.'
        ),
        N_(
            "docs/figures/cluster_cores_per_100rps.png: what each architecture pays in cores for 100 requests per second of capacity."
        ),
    ),
    see=(
        N_(
            "On the two shared cores the bars barely move. Measured by make bench-all (docs/results.md), at 1,500 shoppers three tiers' application tier served 330 req/s with one worker, 382 with two and 369 with four instances; the SOA's bus 235, then 262 with two workers and 318 with two instances; the microservices' catalog 243, then 265 with four instances. All of them stayed saturated: every copy, the database and Locust take turns on the same two cores, so a copy adds waiting, not capacity."
        ),
        N_(
            "On machines of their own, scaling out works until something shared saturates. Measured by two make cluster-all runs (docs/cluster.md): three tiers went from 19.5 req/s on one 1x machine per tier to 81.7 on four (4.2x), and one machine four times the size served 87.1 (4.5x); the monolith's copies went from 29.9 to 99.5 (3.3x), and eight copies served only 104.3, because PostgreSQL's machine was at its quota. With two read replicas the eight copies served 208.7 req/s (7.0x): the bottleneck law, a system serves what its slowest machine serves."
        ),
        N_(
            "The SOA stops early: 20.6 req/s on one machine, 40.3 on two, 24.3 on four, because the Account provider, left on one machine, takes every new shopper's log-in (an argon2 hash). The Universal Scalability Law puts its peak near two machines (coherency cost 0.21, against 0.0037 for three tiers)."
        ),
        N_(
            "The model, calibrated only on one machine at light load, came within 10 % at two and four machines, with the right bottleneck, in 3 of 4 configurations for three tiers, the monolith and the microservices, but in 1 of 4 for the SOA: it cannot know a burst of log-ins on a cold service."
        ),
    ),
    questions=(
        Question(
            N_("Why did the scaling runs on the two shared cores barely move the throughput?"),
            N_(
                "Because the machine, not the component, was the bottleneck: a copy of the application tier runs on the same two cores as the other tiers, PostgreSQL and Locust. Capacity is about the cores divided by the CPU per request, so three tiers went only from 330 to 382 req/s. Adding copies helps only when each copy brings CPU of its own, as on the cluster's machines."
            ),
        ),
        Question(
            N_(
                "The SOA costs 8.58 ms of server CPU per request at 100 shoppers. What capacity does that predict on two cores, and why was the measured knee about 260 req/s?"
            ),
            N_(
                "Two cores give 2,000 ms of CPU a second, so 2,000 / 8.58 is about 233 req/s. The measured knee was higher because the CPU per request falls with load (6.29 ms at 1,000 shoppers, which would allow about 318 req/s): part of what a loaded server burns is paid per second, not per request (the poller waking, keep-alive bookkeeping, timers), and more requests share it. The knee model (docs/model.md) lets each process's demand fall with load for that reason."
            ),
        ),
        Question(
            N_("Scale up or scale out: which bought more here, and which would you choose?"),
            N_(
                "Per added core they were close: three tiers 4.5x on one machine four times the size against 4.2x on four machines, the SOA 2.5x against 2.0x on two, since one bigger process shares its fixed costs. Scaling up stops at the biggest machine there is and leaves one point of failure; scaling out needs stateless servers and a balancer, and grows further, until the shared database stops it."
            ),
        ),
        Question(
            N_("Why did eight copies of the monolith serve hardly more than four, and what moved the wall?"),
            N_(
                "At four copies PostgreSQL's machine was at its quota: every copy reads and writes the one primary, so eight copies served 104.3 req/s against four's 99.5. Two read replicas took the reads off the primary, and the eight copies served 208.7 req/s, 7.0x one machine. The wall moves to whatever is shared next."
            ),
        ),
    ),
    exercise=Exercise(
        predict=N_(
            "From the SOA's server CPU per request at 100 shoppers, predict the requests per second it can serve on the machine's two cores (2,000 ms of CPU a second divided by the CPU per request), then run it."
        ),
        measure=(
            Shell(
                "make bench-soa",
                N_("The SOA's bench: users-100 gives its CPU per request, the saturation run finds its capacity."),
                fast=("PROFILE=smoke",),
            ),
            WORKSHEET,
        ),
        explain=N_(
            "How far was your prediction from the measured knee, and why? Which component would you copy first, and what would then become the bottleneck?"
        ),
    ),
    demo_minutes=5,
    read_more=("docs/cluster.md", "docs/results.md", "docs/model.md"),
)
