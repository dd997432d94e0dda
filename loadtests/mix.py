"""The shopper mix's weights, from loadtests/shopper_mix.json: the one source the locustfile and the k6 script
(loadtests/open_loop.js) both read, so that the closed and the open loop ask for the same things as often."""

import json
from pathlib import Path

MIX_FILE = Path(__file__).with_name("shopper_mix.json")
_MIX = json.loads(MIX_FILE.read_text())

USERS: dict[str, int] = _MIX["users"]  # browser, buyer: how many shoppers of each kind
BROWSING: dict[str, int] = _MIX["browsing"]  # every shopper's actions
BUYING: dict[str, int] = _MIX["buying"]  # a buyer's actions beside the browsing ones
