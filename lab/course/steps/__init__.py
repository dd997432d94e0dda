"""The course's steps, in the order the lectures take them: one module each."""

from lab.course.model import Step
from lab.course.steps import (
    step1_purpose,
    step2_client_server,
    step3_tiers,
    step4_users,
    step5_scaling,
    step6_cap,
    step7_soa,
    step8_microservices,
    step9_containers,
)

STEPS: tuple[Step, ...] = tuple(
    module.STEP
    for module in (
        step1_purpose,
        step2_client_server,
        step3_tiers,
        step4_users,
        step5_scaling,
        step6_cap,
        step7_soa,
        step8_microservices,
        step9_containers,
    )
)


def step(number: int) -> Step:
    """The step of that number; ValueError naming the steps there are."""
    for each in STEPS:
        if each.number == number:
            return each
    raise ValueError(f"there is no step {number}: the steps are 1 to {len(STEPS)} (make class lists them)")
