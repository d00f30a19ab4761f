"""Encryption and keyed hashing of identity numbers (foreigner registration or passport numbers).

The number is stored as a Fernet token (AES with an HMAC), keyed from `settings.FIELD_ENCRYPTION_KEYS`
through `MultiFernet`, so keys can be rotated: the first key encrypts, every key decrypts. A separate
keyed hash (HMAC-SHA256 with `settings.FIELD_HASH_KEY`) lets staff find a record by its exact number
without decrypting every row; without the key the hash cannot be brute-forced from the small number space.
"""

from __future__ import annotations

import hashlib
import hmac
import re
from functools import lru_cache

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured


@lru_cache(maxsize=4)
def _fernet(keys: tuple[str, ...]) -> MultiFernet:
    if not keys:
        raise ImproperlyConfigured("FIELD_ENCRYPTION_KEYS must name at least one Fernet key.")
    return MultiFernet([Fernet(key.encode()) for key in keys])


def _cipher() -> MultiFernet:
    return _fernet(tuple(settings.FIELD_ENCRYPTION_KEYS))


def normalize_identity_number(raw: str) -> str:
    """Upper case without spaces or hyphens: "123456-1234567" and "1234561234567" are one number."""
    return re.sub(r"[\s\-]", "", raw or "").upper()


def encrypt(plain: str) -> str:
    return _cipher().encrypt(plain.encode()).decode()


def decrypt(token: str) -> str:
    """The clear text of a token written by `encrypt`; an unreadable token is a configuration error."""
    try:
        return _cipher().decrypt(token.encode()).decode()
    except InvalidToken as error:
        raise ImproperlyConfigured("An encrypted field cannot be read with the configured keys.") from error


def keyed_hash(raw: str) -> str:
    """HMAC of the normalised number, for exact look-up."""
    key = settings.FIELD_HASH_KEY.encode()
    return hmac.new(key, normalize_identity_number(raw).encode(), hashlib.sha256).hexdigest()


def mask(normalized: str) -> str:
    """Show only the last three characters, e.g. "**********567"."""
    if len(normalized) <= 3:
        return "*" * len(normalized)
    return "*" * (len(normalized) - 3) + normalized[-3:]


def rotate(token: str) -> str:
    """Re-encrypt a token with the current first key (for key rotation)."""
    return _cipher().rotate(token.encode()).decode()
