"""Step 2: Client and server."""

from lab.course.model import WORKSHEET, Exercise, Question, Shell, Step
from lab.i18n import N_

STEP = Step(
    number=2,
    slug="client-server",
    title=N_("Client and server"),
    idea=N_(
        "One server answers many clients over one contract: the same requests from Postman, from a browser and "
        "from a thousand simulated shoppers."
    ),
    demo=(
        Shell(
            "make ui-monolith",
            N_("The server, and Locust's web UI as a hundred, then a thousand, clients."),
            serves="http://127.0.0.1:{web_port}/",
        ),
        Shell(
            "make postman ARCH=monolith",
            N_("The Postman collection, run by newman, against the same server: every request checked."),
            needs=("npm",),
        ),
    ),
    demo_minutes=4,
    point_at=(
        N_(
            "The storefront at http://127.0.0.1:8000/ and the same catalog as JSON at "
            "http://127.0.0.1:8000/api/books: one server, a page for people and data for programs."
        ),
        N_("The contract every client relies on, at http://127.0.0.1:8000/openapi.json (contract/openapi.yaml)."),
        N_(
            "newman's summary in the terminal: each request of the collection with its checks, and the failed "
            "column at 0."
        ),
        N_(
            "Locust's UI at http://127.0.0.1:8089/: start the 100 users it proposes, then the Charts tab, \"Total "
            'Requests per Second" and "Response Times (ms)".'
        ),
    ),
    see=(
        N_(
            "One server, three kinds of client, one contract: the browser gets HTML pages, Postman and Locust get "
            "JSON from the same edge API (contract/openapi.yaml), and every client checks what it gets. The "
            "collection walks the API as a story, from registering to ordering, with the main errors, and newman "
            "checks every answer."
        ),
        N_(
            "Locust's shoppers each think 1 to 5 s (3 s on average) between requests, so 100 of them send about 35 "
            "requests per second: on the monolith the lab measured 35.4 req/s with a mean response time of 3.9 ms "
            "(the users-100 profile of make bench-monolith, docs/results.md). The server is idle most of the time: "
            "the clients' think time sets the rate, not the server."
        ),
        N_(
            "A thousand shoppers send ten times as much, and the same server keeps up: 360 req/s with a p95 of "
            "24 ms, 0 failures in 21,528 requests. A server that answers in milliseconds serves thousands of "
            "clients that spend seconds thinking; where it stops keeping up is the next steps' question."
        ),
    ),
    questions=(
        Question(
            N_("100 shoppers think 3 s on average. Why do they send about 35 requests per second, and not 100?"),
            N_(
                "Each shopper is a closed loop: it sends a request, waits for the answer, thinks, and only then "
                "sends the next. One cycle takes the response time plus the think time, about 3 s here, so each "
                "shopper sends about a third of a request per second: N / (R + Z) = 100 / 3 s, about 33. The lab "
                "measured 35.4 req/s, a little more, because some of a shopper's actions send two requests "
                "between pauses, such as a log-in followed by the profile."
            ),
        ),
        Question(
            N_("What makes Postman, the browser and Locust clients of the same server?"),
            N_(
                "The contract: the same HTTP requests and JSON answers, written down in contract/openapi.yaml. The "
                "server does not know or care which program sends a request. That is also why the four "
                "architectures can be compared: they serve the same contract, so the same load test and the same "
                "collection run against each one."
            ),
        ),
        Question(
            N_("Where is the state of a shopper's session kept: in the client or in the server?"),
            N_(
                "In the client. A login returns a signed token (a JWT) that the client sends with every request; "
                "the server keeps no session for it, it checks the token's signature. That is what lets any copy "
                "of the server answer any request, which scaling out will need later."
            ),
        ),
        Question(
            N_("If the server answers in 4 ms, why do the shoppers not send 250 requests per second each?"),
            N_(
                "Because they are people, not benchmarks: they read the page before clicking again. The think time, "
                "not the server, limits each client. A load test without think time measures something else: how "
                "much one server serves flat out, which tells little about how many people it can serve."
            ),
        ),
    ),
    exercise=Exercise(
        predict=N_(
            "Your shoppers think 1 to 5 s between requests. How many requests per second will 100 of them send, "
            "and what mean response time will they see at that load?"
        ),
        measure=(
            Shell(
                "make bench-monolith PROFILE=users-100",
                N_("100 shoppers for a minute, every answer checked."),
                fast=("PROFILE=smoke",),
            ),
            WORKSHEET,
        ),
        explain=N_(
            "Use the interactive response time law (N = X · (R + Z)) on your run: from the users N, the throughput "
            "X and the response time R, what think time Z did the shoppers have? Why is X not simply 100 / 3?"
        ),
    ),
)
