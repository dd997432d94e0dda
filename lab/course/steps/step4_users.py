"""Step 4: 100 users, 1,000 users, 1,000,000 users."""

from lab.course.model import WORKSHEET, Exercise, Question, Shell, Step
from lab.i18n import N_

STEP = Step(
    number=4,
    slug="users",
    title=N_("100 users, 1,000 users, 1,000,000 users"),
    idea=N_(
        '"100 users okay, 1,000 okay, 1,000,000 I don\'t believe it": a measured saturation run finds the knee, '
        "and a queueing model calibrated on it says what a million would need."
    ),
    demo=(
        Shell(
            "make ui-three_tier",
            N_("Locust's web UI: start 100 shoppers, then 1,000, and watch throughput and response time."),
            serves="http://127.0.0.1:{web_port}/",
        ),
        Shell(
            "make report",
            N_("The report, rebuilt from your results: the hockey stick and the model's million."),
        ),
    ),
    demo_minutes=5,
    point_at=(
        N_(
            "Locust's UI at http://127.0.0.1:8089/: start 100 users, then edit the running test to 1,000. In the "
            'Charts tab, "Total Requests per Second" follows the users up, then stops rising, while the 95th '
            'percentile in "Response Times (ms)" climbs from tens of milliseconds to seconds.'
        ),
        N_(
            '"Failures/s" in the same tab: it stays at 0, because a saturated server makes the shoppers wait, it '
            "does not turn them away."
        ),
        N_(
            'In results/index.html, the section "Latency against throughput: the hockey stick": the points move '
            "right until the knee, then straight up."
        ),
        N_(
            'The sections "A million users: the queueing model" and "Cores needed" in results/index.html: what the '
            "model, calibrated on the runs, says a million users would need."
        ),
    ),
    see=(
        N_(
            "100 shoppers ask for about 35 requests per second and every architecture serves them with room to "
            "spare: three tiers served 36.9 req/s with a p95 of 13 ms. 1,000 shoppers ask for about 350: three "
            "tiers served 356 req/s, and its p95 rose to 250 ms (make bench-all on the lab's 2-core machine, "
            "docs/results.md)."
        ),
        N_(
            "The saturation run adds shoppers in steps until throughput stops following them. Three tiers served "
            "183 req/s at 500 users (p95 27 ms), 270 at 750 (68 ms), 330 at 1,000 (920 ms) and 309 at 1,500 "
            "(2,800 ms): the knee is about 330 req/s on 2 cores. Past it throughput stays flat and only the waiting "
            "grows, the hockey stick."
        ),
        N_(
            "A million users cannot be driven from one machine, so the lab answers with a queueing model (Mean "
            "Value Analysis) fed with the CPU each request cost in the runs. A million thinking shoppers ask for "
            "about 340,000 req/s; scaled out on two-core instances, every design then meets its one PostgreSQL "
            "primary, and a 64-core machine tops out at about 53,000 req/s for the three tiers' database. With a "
            "data tier that scaled out too, three tiers would need about 1,440 cores."
        ),
        N_(
            "How far to trust it: calibrated on 100 users alone, the model predicted the steps below the knee "
            "within 3 % and the 1,000-user run within 2-20 %, but near and past the knee it predicted too little "
            "throughput (-13 to -41 %). A model is its assumptions, checked against measurements (docs/model.md)."
        ),
    ),
    questions=(
        Question(
            N_("Why does throughput stop rising while the users keep rising?"),
            N_(
                "Because the cores are busy all the time. Each three-tier request costs about 4 ms of server CPU, "
                "and the 2 cores are shared with the load generator, so about 330 req/s is all they give. Past "
                "that point a new shopper's requests do not add throughput; they join a queue."
            ),
        ),
        Question(
            N_("Past the knee, what happens to the response time, and why do the failures stay at 0?"),
            N_(
                "The response time grows with the users: with throughput X fixed, N = X · (R + Z) leaves only R to "
                "grow. Three tiers' p95 went from 920 ms at 1,000 users to 2,800 ms at 1,500. Nothing fails because "
                "the shoppers are a closed loop: each waits for its answer before asking again, so the queue is "
                "bounded by the users, until a client gives up on a timeout."
            ),
        ),
        Question(
            N_('"1,000,000 I don\'t believe it": what would you need to believe it?'),
            N_(
                "A way to add machines for every part that a million users load. The stateless tiers can be "
                "copied; the data cannot simply be. The model says a million thinking shoppers ask for about "
                "340,000 req/s while one 64-core PostgreSQL primary tops out at about 53,000 for the three tiers: "
                "so reads must move to replicas and the data must be split, which is where the later steps go."
            ),
        ),
        Question(
            N_("The model was calibrated on 100 users. Why believe what it says about a million?"),
            N_(
                "Only as far as it was checked. Predicting the lab's own runs, it came within 3 % below the knee "
                "and within 2-20 % at 1,000 users, but it predicted too little throughput near and past the knee. "
                "For a million it also assumes that the CPU per request stays as measured and that memory, "
                "connections and the network cost nothing beyond a fixed delay: so read its million as how many "
                "cores, and of which part, not as a promise."
            ),
        ),
    ),
    exercise=Exercise(
        predict=N_(
            "From your 100-shopper run, predict the throughput at 1,000 shoppers, and how many cores a million "
            "shoppers would need at the CPU each request costs."
        ),
        measure=(
            Shell(
                "make bench-three_tier",
                N_("users-100, users-1000 and the saturation run, then the report (6-7 minutes)."),
                fast=("PROFILE=smoke",),
            ),
            WORKSHEET,
        ),
        explain=N_(
            "Where did the measured throughput stop following the users, and why there? What does the model assume "
            "that a million real users would break?"
        ),
    ),
)
