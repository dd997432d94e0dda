"""`python -m lab <command>`: the lab's command line (lab/cli/); `python -m lab --help` lists the commands."""

import sys

from lab.cli import main

if __name__ == "__main__":
    sys.exit(main())
