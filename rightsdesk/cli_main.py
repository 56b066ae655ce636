"""`python -m rightsdesk.cli_main …` runs the rightsdesk command (used where the console script is not on PATH)."""

import sys

from rightsdesk.cli import main

sys.exit(main(["rightsdesk", *sys.argv[1:]]))
