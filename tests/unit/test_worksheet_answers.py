"""The worksheet's answers: each computed from what a run record holds, judged within its stated tolerance."""

from dataclasses import replace

import pytest

from lab.course.worksheet import measures
from lab.course.worksheet.checking import as_number, judge, name_key
from lab.course.worksheet.evidence import Evidence, Source, caveats
from lab.course.worksheet.model import Question, Tolerance, Worked
from lab.course.worksheet.worked import Outcome
from lab.i18n import speaking
from tests.run_records import run_record


def test_think_time_follows_the_interactive_response_time_law():
    run = run_record(totals={"throughput_rps": 40.0, "latency_ms": {"mean": 500.0}})

    assert measures.think_time_s(run) == pytest.approx(100 / 40 - 0.5)


def test_a_run_where_nothing_completed_has_no_think_time():
    with pytest.raises(ValueError, match="nothing completed"):
        measures.think_time_s(run_record())


def test_cpu_per_request_leaves_the_load_generator_out_and_counts_replicas_as_their_component():
    tiers = run_record(cpu_ms_per_request={"presentation": 1.5, "application": 2.0, "postgres": 1.5, "locust": 9.0})
    monolith = run_record(cpu_ms_per_request={"monolith": 2.0, "locust": 1.0})
    copies = run_record(cpu_ms_per_request={"catalog": 1.0, "catalog-2": 1.5, "gateway": 2.0, "postgres": 9.0})

    assert measures.extra_ms(tiers, monolith) == pytest.approx(3.0)
    assert measures.cores_for(330_000, tiers) == pytest.approx(1650)
    assert measures.busiest(copies, ("postgres",)) == "catalog"  # 2.5 ms over its two copies


def test_capacity_is_the_cores_over_the_cpu_seconds_and_the_knee_the_busiest_step():
    light = run_record(cpu_ms_per_request={"bus": 4.0, "book": 4.0, "locust": 2.0}, machine={"cores": 2})
    saturation = run_record(steps=[{"users": 500, "throughput_rps": 180.0}, {"users": 1000, "throughput_rps": 150.0}])

    assert measures.predicted_capacity_rps(light) == pytest.approx(250)
    assert measures.share_percent(light, "bus") == pytest.approx(50)
    assert measures.knee_rps(saturation) == 180.0
    with pytest.raises(ValueError):
        measures.knee_rps(run_record())


def test_tolerance_is_a_share_of_the_value_with_a_floor_and_is_stated():
    within = Tolerance(relative=0.10, absolute=0.1)

    assert within.allowed(3.0) == pytest.approx(0.3) and within.allowed(0.5) == pytest.approx(0.1)
    with speaking("en"):
        assert within.said("ms") == "±10 %, at least ±0.1 ms"
        assert Tolerance().said("reads") == "exactly"
    with speaking("es"):
        assert within.said("ms") == "±10 %, como mínimo ±0,1 ms"


@pytest.mark.parametrize(
    ("written", "read"),
    [(2.5, 2.5), ("2.5", 2.5), ("2,5", 2.5), ("1,650", 1650.0), ("1,234.5", 1234.5), ("50 %", 50.0), ("two", None)],
)
def test_numbers_are_read_however_the_student_wrote_them(written, read):
    assert as_number(written) == read


def test_names_are_compared_without_case_or_separators():
    assert name_key("Three tier") == name_key("three_tier") == name_key("THREE-TIER")


def _outcome(expected, kind="number", source_caveats=()):
    question = Question("2.z", "Z?", kind=kind, unit="seconds", tolerance=Tolerance(relative=0.10))
    return Outcome(
        question, (Source(run_record(), "results/monolith/users-100", source_caveats),), Worked({}, expected)
    )


def test_an_answer_within_the_tolerance_is_right_and_outside_it_wrong_with_the_expected_value_and_its_run():
    with speaking("en"):
        assert judge(_outcome(2.0), 2.19) == ("2.z: right", False)
        line, wrong = judge(_outcome(2.0), "2.3")
        assert wrong
        assert line == "2.z: wrong: expected 2 (seconds, ±10 %), from results/monolith/users-100."
        assert judge(_outcome("catalog", kind="name"), " CATALOG ") == ("2.z: right", False)
        assert judge(_outcome(2.0), "") == ("2.z: unanswered", False)
        assert judge(Outcome(Question("9.why", "Why?")), "because") == ("9.why: not checked (free text)", False)


def test_a_flagged_source_run_is_named_as_what_the_expected_value_rests_on():
    saturated = run_record(
        load_generator={"saturated": True, "busiest_share_of_one_core": 0.95}, totals={"failures": 3}, demo=True
    )
    with speaking("en"):
        said = caveats(saturated)
        line, wrong = judge(_outcome(2.0, source_caveats=said), 9)

    assert wrong and said[0] == "its load generator was busy 95% of a core, so it sent fewer requests than asked"
    assert "3 of its requests failed" in said and any("demo-length" in reason for reason in said)
    assert "from results/monolith/users-100. It may be off: its load generator" in line  # its one source, named once
    with speaking("en"):
        right, _wrong = judge(_outcome(2.0, source_caveats=said), 2.0)
    assert right.startswith("2.z: right, from results/monolith/users-100. It may be off: its load generator")
    assert caveats(run_record()) == ()


def test_where_only_some_source_runs_are_flagged_those_are_named():
    flagged = caveats(run_record(load_generator={"saturated": True, "busiest_share_of_one_core": 0.95}))
    with speaking("en"):
        outcome = _outcome(2.0, source_caveats=flagged)
        outcome = replace(outcome, sources=(*outcome.sources, replace(outcome.sources[0], where="b", caveats=())))
        line, _wrong = judge(outcome, 9)
    assert "The expected value rests on results/monolith/users-100, so it may be off: its load generator" in line


def test_an_answer_whose_runs_are_missing_is_not_checked_and_names_the_command():
    question = Question("5.knee", "Knee?", kind="number", needs=(), unit="req/s")
    missing = Outcome(question, missing=("make bench-soa PROFILE=saturation",))

    with speaking("en"):
        line, wrong = judge(missing, 200)

    assert not wrong and "run make bench-soa PROFILE=saturation first" in line
    assert Evidence().bench == []
