"""The course's steps, in the order the lectures take them: one module each, named for its number."""

from importlib import import_module

from lab.course.model import Step

MODULES = (
    "step1_purpose",
    "step2_client_server",
    "step3_tiers",
    "step4_users",
    "step5_scaling",
    "step6_cap",
    "step7_soa",
    "step8_microservices",
    "step9_containers",
)
STEPS: tuple[Step, ...] = tuple(import_module(f"{__name__}.{name}").STEP for name in MODULES)


def step(number: int) -> Step:
    """The step of that number; ValueError naming the steps there are."""
    for each in STEPS:
        if each.number == number:
            return each
    raise ValueError(f"there is no step {number}: the steps are 1 to {len(STEPS)} (make class lists them)")
