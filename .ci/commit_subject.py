"""git's commit-msg hook (through pre-commit): a subject of 72 characters or more is refused.

The subject is the message's first line that is neither blank nor a comment; the details go in the body.
"""

import sys
from pathlib import Path

LIMIT = 72


def subject(message: str) -> str:
    """The message's first line that is neither blank nor one of git's comments."""
    return next((line.rstrip() for line in message.splitlines() if line.strip() and not line.startswith("#")), "")


def main(message_file: str) -> int:
    found = subject(Path(message_file).read_text(encoding="utf-8"))
    if len(found) < LIMIT:
        return 0
    print(f"The commit subject has {len(found)} characters; keep it under {LIMIT}, with the details in the body:")
    print(f"  {found}")
    return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
