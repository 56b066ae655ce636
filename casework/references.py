"""Case references people can read out on the phone: ALM-2026-0042."""

import re

from django.db.models import Max

from accounts.models import Office

_PREFIX_LENGTH = 3


def prefix_for(office: Office, year: int) -> str:
    letters = re.sub(r"[^A-Za-z]", "", office.code).upper()[:_PREFIX_LENGTH] or "RD"
    return f"{letters}-{year}-"


def next_reference(office: Office, year: int) -> str:
    from casework.models import Case

    prefix = prefix_for(office, year)
    last = Case.objects.filter(reference__startswith=prefix).aggregate(last=Max("reference"))["last"]
    number = int(last.rsplit("-", 1)[1]) + 1 if last else 1
    return f"{prefix}{number:04d}"
