"""Step 1: What architecture is for."""

from lab.course.model import WORKSHEET, Exercise, Question, Shell, Step
from lab.i18n import N_

STEP = Step(
    number=1,
    slug="purpose",
    title=N_("What architecture is for"),
    idea=N_(
        "Maintainability, scalability to millions, 24/7 reliability and latency: the qualities an architecture is "
        "chosen for, seen in four builds of one bookstore that look the same from the browser and pay differently "
        "for each quality."
    ),
    demo=(
        Shell(
            "make run-monolith",
            N_("The bookstore, one process: open the storefront, log in and buy a book."),
            serves="/",
        ),
        Shell(
            "make lint",
            N_(
                "Maintainability made a rule: the import contracts fail the build when a layer reaches where it "
                "must not."
            ),
        ),
    ),
    demo_minutes=4,
    point_at=(
        N_(
            "The storefront at http://127.0.0.1:8000/: browse the catalog, log in as reader1@bookstore.test with "
            "the password bookstore-reader, order a book and find it under my orders."
        ),
        N_(
            'The import contracts in pyproject.toml, under [tool.importlinter]: "The presentation layer never '
            'imports data access" is a layering decision that the build checks on every change.'
        ),
        N_(
            'The table "What the numbers showed" in README.md: one bookstore, four architectures, and what each '
            "one paid in throughput, latency and CPU."
        ),
    ),
    see=(
        N_(
            "From the browser the four builds are the same bookstore: the same pages, the same API, the same "
            "answers. The qualities are where they differ. Measured by one make bench-all campaign on the lab's "
            "2-core machine (docs/results.md), at 1,000 shoppers the monolith served 360 requests per second with "
            "a 95th percentile (p95) of 24 ms, three tiers 356 req/s at 250 ms, the microservices 300 req/s at "
            "1,300 ms and the SOA 269 req/s at 1,900 ms."
        ),
        N_(
            "Scalability has a price per request. One request cost 2.56 ms of server CPU in the monolith, 4.18 ms "
            "in three tiers, 5.54 ms as microservices and 6.29 ms behind the service bus, so on one machine the "
            "more processes, the fewer users: the monolith kept up to about 785 req/s, past 2,000 users, three "
            "tiers to about 330. What the distributed designs buy is room to grow beyond one machine, which the "
            "later steps measure."
        ),
        N_(
            "Reliability is measured by breaking things: the fault experiment (docs/faults.md) stops each part "
            "under load. The monolith is all or nothing, the bus is the SOA's only door, a microservice that is "
            "down takes away only what it owns, and no order was lost in any of them."
        ),
        N_(
            "Maintainability has no requests per second. Here it is layers and rules that `make lint` checks in "
            "seconds: move an import of the data access into the edge and it fails, naming the contract broken."
        ),
    ),
    questions=(
        Question(
            N_("If the monolith is the fastest at 1,000 shoppers, why would anyone build microservices?"),
            N_(
                "Because speed on one machine is only one quality. Here the monolith served 360 req/s with a p95 of "
                "24 ms and the microservices 300 req/s with 1,300 ms, on the same 2 cores. The microservices buy "
                "other things: each service deployed, scaled and owned by its own team, with its own data, and a "
                "failure that takes away only that service's part. Those pay off past one machine and one team, "
                "not on a laptop."
            ),
        ),
        Question(
            N_("Which quality does a shopper notice first, and which one does the company running the store?"),
            N_(
                "The shopper notices latency, and above all the slow tail: the p95, not the mean. The company "
                "notices reliability (a store that is down sells nothing, 24/7) and cost: the CPU each request "
                "takes, 2.56 ms in the monolith against 6.29 ms behind the bus here, is the bill for the machines. "
                "Maintainability is noticed by the developers, every time they change something."
            ),
        ),
        Question(
            N_("How would you measure maintainability?"),
            N_(
                "There is no single number. Proxies are the time and the number of places a change needs, how many "
                "modules a rule is repeated in, and whether the intended structure is checked. This lab writes its "
                "layering as import contracts that the build checks, so a shortcut between layers fails at once "
                "instead of being found years later."
            ),
        ),
        Question(
            N_("What does scalable to a million users mean, when no machine holds a million users?"),
            N_(
                "It means that the work can be spread over more machines: scaling out. The real question is which "
                "part cannot be copied. The lab's model says that at a million users every design meets its one "
                "PostgreSQL primary: a million thinking shoppers ask for about 340,000 req/s, and a 64-core machine "
                "tops out at about 53,000 req/s for the three tiers' database (docs/results.md)."
            ),
        ),
    ),
    exercise=Exercise(
        predict=N_(
            "Which of the four architectures will answer fastest at 100 shoppers, and which will serve the most "
            "requests per second before it saturates? Write your guesses and one reason for each."
        ),
        measure=(
            Shell(
                "make demo",
                N_(
                    "Every architecture at 100 and 1,000 shoppers and a short saturation run, into results/demo/ "
                    "(about 7 minutes)."
                ),
                fast=("DEMO_ARCHITECTURES=monolith",),
            ),
            WORKSHEET,
        ),
        explain=N_(
            "Compare your guesses with results/demo/index.html. For each quality (latency, scalability, "
            "reliability, maintainability), name the architecture that paid most for it and what it paid."
        ),
    ),
)
