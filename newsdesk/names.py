"""How the desk compares people's names: spacing, hyphens and case do not count."""

import re

from anyascii import anyascii

_NOT_ALNUM = re.compile(r"[^0-9a-z]+")


def name_key(name):
    """'Lee Min-ho', 'Lee Min Ho' and 'lee minho' share the key 'leeminho'."""
    return _NOT_ALNUM.sub("", anyascii(name or "").lower())
