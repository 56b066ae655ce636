"""The `rightsdesk` command: manage.py under the product's name.

`rightsdesk deathpenalty load PATH` runs the management command
`deathpenalty` with `load PATH`; every other management command works as
with manage.py.
"""

import os
import sys


def main(argv: list[str] | None = None) -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rightsdesk.settings")
    from django.core.management import execute_from_command_line

    args = list(sys.argv if argv is None else argv)
    args[0] = "rightsdesk"
    execute_from_command_line(args)
    return 0
