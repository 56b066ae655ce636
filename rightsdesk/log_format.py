"""Log lines that never carry what an exception said.

An exception's message can hold data from the request (a name typed in a
form, a value in a database error). Logs are read by administrators and
copied to other machines, so they keep the exception's type and the place in
the code, never its message.
"""

import logging
import traceback
from types import TracebackType

ExcInfo = tuple[type[BaseException], BaseException, TracebackType | None] | tuple[None, None, None]


class RedactingFormatter(logging.Formatter):
    def formatException(self, ei: ExcInfo) -> str:  # the logging API's name
        exc_type, _exc, tb = ei
        frames = traceback.format_tb(tb) if tb is not None else []
        name = exc_type.__qualname__ if exc_type is not None else "Exception"
        return "Traceback (most recent call last):\n" + "".join(frames) + f"{name}: (message withheld)"
