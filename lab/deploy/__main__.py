"""python -m lab.deploy [--check]: write (or compare) every Dockerfile, compose file and manifest under deploy/."""

import sys

from lab.deploy.files import generated, write_all


def main(argv: list[str]) -> int:
    """Write the files, or with --check list those that differ from what the topologies say."""
    if "--check" in argv:
        stale = [str(path) for path, text in generated().items() if not path.exists() or path.read_text() != text]
        for path in stale:
            print(f"out of date: {path} (run python -m lab.deploy)")
        return 1 if stale else 0
    for path in write_all():
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
