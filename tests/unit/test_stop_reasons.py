"""A saturation step's stop reason, recorded in English by the load generator, said in the reader's language."""

import pytest

from lab.i18n import speaking
from lab.report.stop_reasons import shown
from loadtests.saturation import saturation_reason

STEP = {"requests": 100, "failures": 0, "users": 200, "throughput_rps": 50.0, "response_times": {}}


@pytest.mark.parametrize(
    ("recorded", "in_spanish"),
    [
        (saturation_reason({**STEP, "requests": 0}, None), "ninguna petición se completó"),
        (saturation_reason({**STEP, "failures": 20}, None), "falló el 20,0% de las peticiones"),
        (saturation_reason(STEP, {**STEP, "users": 100, "throughput_rps": 48.0}), "el rendimiento creció un 4%"),
        ("p95 passed 1000 ms", "el p95 superó 1000 ms"),
    ],
)
def test_each_form_the_load_generator_records_is_said_in_spanish(recorded, in_spanish):
    with speaking("es"):
        assert shown(recorded).startswith(in_spanish)
    with speaking("en"):
        assert shown(recorded) == recorded


def test_a_reason_of_another_form_is_shown_as_recorded():
    with speaking("es"):
        assert shown("the machine caught fire") == "the machine caught fire"
        assert shown(None) == ""
