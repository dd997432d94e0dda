"""`python -m lab <command>`: the lab's command line (lab/cli/); `python -m lab --help` lists the commands."""

import os
import sys

from lab.cli import main

if __name__ == "__main__":
    try:
        sys.exit(main())
    except BrokenPipeError:  # `python -m lab settings | head`: the reader has gone, so has the need to write
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(1)
