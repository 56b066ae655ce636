"""The error answers every API operation may give, documented in the OpenAPI schema."""

import datetime as dt
import re
from typing import Annotated, Any

from ninja import Schema
from pydantic import BeforeValidator

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _iso_date(value: Any) -> Any:
    # Pydantic would read "0" as a Unix timestamp; the schema promises YYYY-MM-DD, so hold to it.
    if isinstance(value, str) and not _ISO_DATE.match(value):
        raise ValueError("a date is written YYYY-MM-DD")
    return value


IsoDate = Annotated[dt.date, BeforeValidator(_iso_date)]


def _no_nul(value: Any) -> Any:
    # PostgreSQL cannot store or compare text holding NUL; refuse it at the door (422, not 500).
    if isinstance(value, str) and "\x00" in value:
        raise ValueError("text may not contain NUL characters")
    return value


Text = Annotated[str, BeforeValidator(_no_nul)]


class Problem(Schema):
    detail: Any


# 400: a body that is not JSON; 401: no or bad token; 403: the role may not do this;
# 404: not there or not yours (the same answer, so existence does not leak);
# 422: the request does not fit the schema.
PRIVATE_ERRORS: dict[int, type[Schema]] = {400: Problem, 401: Problem, 403: Problem, 404: Problem, 422: Problem}
PUBLIC_ERRORS: dict[int, type[Schema]] = {400: Problem, 404: Problem, 422: Problem}
