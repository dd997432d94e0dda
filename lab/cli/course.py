"""`python -m lab class`: the course's steps, or one step's demo run in order (lab/course/runner.py)."""

import sys

from lab.settings import LabSettings


def class_step(args, settings: LabSettings) -> int:
    from lab.course.runner import listing, run_step
    from lab.course.steps import step

    if args.step is None:
        print(listing())
        return 0
    try:
        chosen = step(args.step)
    except ValueError as error:
        print(f"python -m lab class: {error}", file=sys.stderr)
        return 2
    return run_step(chosen, settings, fast=args.fast)
