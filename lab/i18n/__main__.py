"""`python -m lab.i18n update` adds the code's new messages to the catalogs; `check` lists what lacks a translation."""

import sys

from lab.i18n import LANGUAGES
from lab.i18n.catalogs import gaps, update


def main(argv: list[str]) -> int:
    if argv == ["update"]:
        for path in update():
            print(f"updated {path}")
        argv = ["check"]
    if argv != ["check"]:
        print("usage: python -m lab.i18n update | check", file=sys.stderr)
        return 2
    missing = [(language, gap) for language in LANGUAGES[1:] for gap in gaps(language)]
    for language, gap in missing:
        print(f"{language}: {gap.where}: {gap.why}: {gap.message[:80]!r}")
    print(f"{len(missing)} messages to translate" if missing else "every message is translated")
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
