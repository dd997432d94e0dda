"""Step 6: Is scaling out easy? CAP."""

from lab.course.model import WORKSHEET, Exercise, Question, Shell, Step
from lab.i18n import N_

STEP = Step(
    number=6,
    slug="cap",
    title=N_("Is scaling out easy? CAP"),
    idea=N_(
        "Servers without state scale out by adding copies; the data does not, because every copy must agree. Two sites, a real network partition between them: a consistent (CP) design refuses what it cannot check, an available (AP) one answers with what it has, possibly stale."
    ),
    demo=(
        Shell(
            "make cap-monolith MODE=CP",
            N_("The cut with consistency first: site B refuses, fast, what needs the primary."),
            fast=("CAP_SECONDS=20",),
            needs=("root",),
        ),
        Shell(
            "make cap-monolith MODE=AP",
            N_("The same cut, availability first: site B answers from its replica, possibly stale."),
            fast=("CAP_SECONDS=20",),
            needs=("root",),
        ),
    ),
    point_at=(
        N_(
            'The last line of each run, "site B during the partition": the share of browsing and of all requests that succeeded there, CP against AP.'
        ),
        N_(
            'The section "Is scaling out easy? The CAP trade-off, measured" of results/index.html: per site, second by second, what succeeded before, during and after the cut (results/cap_monolith_CP.png and results/cap_monolith_AP.png).'
        ),
        N_(
            "results/cap/monolith/AP/run.json: stale_reads (per site and phase, the reads checked and the stale ones) and lag_series, how far the replica fell behind."
        ),
        N_(
            'docs/scaling-out-the-data.md, "What the partition showed": the same experiment on every architecture, before and after the circuit breaker.'
        ),
    ),
    see=(
        N_(
            "CP: site B is plainly unavailable, and quick about it. Measured by make cap-all (docs/scaling-out-the-data.md, 60 shoppers, a 20 s cut): in CP mode site B's browsing succeeded 0 % of the time during the cut and only 10 % of all its requests did (the monolith; shipping quotes need no database), with a p95 of 240 ms, because a circuit breaker on the primary answers 503 at once after three failed connections. Site A served 100 %."
        ),
        N_(
            "AP: in the same cut site B answered every catalog read (100 %, 90 % of all its requests, p95 41 ms) from its replica, which stopped moving at the cut: the replica fell 20 s behind and caught up within a second of the heal. What needs the primary (logging in, ordering, one's orders) still failed at site B: AP here keeps reads available, not writes."
        ),
        N_(
            "Stale reads are observed, not assumed: each shopper knows the most stock a book can now have (what it last read, less what it bought since), and since stock only goes down, reading more is a stale read. Of 1,311 reads at site B during the microservices' cut the shoppers caught none: with 100 books and 20 s, nobody happened to read at B what they had just changed at A. The price was there all the same, a catalog 20 s old; no order was lost in any run."
        ),
        N_(
            "Before the circuit breaker, CP looked slow rather than refused: every read at site B waited 3 s for the unreachable primary, its few server threads filled up, and browse p95 reached 7 to 16 s. A partition is only ever detected by a timeout, so how long to wait is part of the design."
        ),
    ),
    questions=(
        Question(
            N_("In CP mode, why does site B refuse even catalog reads, when the catalog hardly changes?"),
            N_(
                "Because cut off from the primary it cannot know whether its copy is current, and CP promises never to answer wrongly. So it answers 503: 0 % of site B's browsing succeeded during the cut. Only the shipping quote, which reads no data, kept working."
            ),
        ),
        Question(
            N_("AP mode served every browse at site B in milliseconds. What did it give up?"),
            N_(
                "Freshness: its catalog was frozen at the cut, 20 s old by the heal, so stock and prices could be out of date. And it gave up nothing on writes only because it accepts none there: logging in and ordering still needed the primary and failed at site B. Accepting writes on both sides would need conflict resolution, which this lab leaves out."
            ),
        ),
        Question(
            N_("The shoppers caught no stale read (0 of 1,311). Does that make AP free?"),
            N_(
                "No: a stale read is visible only to someone who knows better, a shopper who changed or saw the same book at the other site within those 20 s, and with 100 books that did not happen. The replica was 20 s behind all the same; a buyer sent to site B to read back an order just placed at site A would have seen it."
            ),
        ),
        Question(
            N_("Which of the bookstore's operations may be stale, and which never?"),
            N_(
                "Browsing, searching and a book's page may be a few seconds old: the stock shown is a hint. Stock at checkout, the order itself, logging in and reading back one's own orders must read the primary, or the store sells books it does not have. The lab's code makes this choice where it reads (stale_ok), which is why the CP and AP modes differ in one setting."
            ),
        ),
        Question(
            N_("Why was CP so slow before the circuit breaker was added?"),
            N_(
                "Each request at site B waited for the connection timeout (3 s) to a primary it could not reach, so its server threads filled and later requests queued until the heal: browse p95 of 7 to 16 s. With a 1 s timeout and a breaker that opens after three failures, CP answers 503 at once (p95 240 ms). Failing fast is what makes unavailability honest."
            ),
        ),
    ),
    exercise=Exercise(
        predict=N_(
            "Cut the network in AP mode: how many of site B's reads will be stale, and how many of its writes refused?"
        ),
        measure=(
            Shell(
                "make cap-microservices MODE=AP",
                N_("The microservices cut apart in AP mode."),
                fast=("CAP_SECONDS=20",),
                needs=("root",),
            ),
            WORKSHEET,
        ),
        explain=N_(
            "Count the stale reads in your run (stale_reads in results/cap/microservices/AP/run.json, or the report's CAP table) and explain them from the replica's lag. Which of the bookstore's operations may be stale, and which never?"
        ),
    ),
    demo_minutes=3,
    read_more=("docs/scaling-out-the-data.md",),
)
