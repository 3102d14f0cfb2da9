"""How a store file's pages are encrypted and authenticated, and whether a key matches a file.

Every page is AES-256-CBC encrypted (SQLCipher 4) with a random IV, and authenticated by an HMAC
over its ciphertext, IV and page number. New stores use HMAC-SHA256: on CPUs with SHA extensions
(Intel since Ice Lake, AMD since Zen) it is several times faster than SQLCipher 4's default
HMAC-SHA512, which on a municipality-sized bulk load took about 8 % of the encrypted store's CPU
time (``tests/bench/bench_store_municipality.py``). It remains a 256-bit HMAC keyed with a
derived 256-bit key; the encryption itself is unchanged.

Stores created before keep HMAC-SHA512: changing the algorithm means rewriting every page. The
settings cannot be read from an encrypted file, so ``offline.connection`` tries each format,
newest first; a page that does not authenticate under one format is simply not in that format.

``key_authenticates`` re-computes SQLCipher 4's page HMAC itself (key derived with 2 PBKDF2-SHA512
rounds from the raw key and the file salt XOR 0x3a), so that a file no format opens can be called
damaged (its key is right) or locked with another key (nothing authenticates).
"""

from __future__ import annotations

import hashlib
import hmac
import struct
from dataclasses import dataclass

PAGE_SIZE = 4096  # SQLCipher 4's default, used by every format
SALT_BYTES = 16
_IV_BYTES = 16
_BLOCK = 16


@dataclass(frozen=True)
class CipherFormat:
    """One combination of SQLCipher settings a store file can have been written with."""

    name: str
    pragmas: tuple[str, ...]  # run after the key, before the first read
    digest: str  # hashlib name of the page HMAC

    @property
    def hmac_bytes(self) -> int:
        return hashlib.new(self.digest).digest_size

    @property
    def reserve(self) -> int:
        """Bytes at the end of each page: IV + HMAC, rounded up to the cipher's block size."""
        return -(-(_IV_BYTES + self.hmac_bytes) // _BLOCK) * _BLOCK


CURRENT = CipherFormat("hmac-sha256", ("PRAGMA cipher_hmac_algorithm = HMAC_SHA256",), "sha256")
SQLCIPHER4_DEFAULT = CipherFormat("sqlcipher4-default", (), "sha512")
FORMATS = (CURRENT, SQLCIPHER4_DEFAULT)  # newest first: the order files are tried in


def key_authenticates(head: bytes, raw_key: bytes | bytearray) -> bool:
    """True when any whole page in ``head`` (the file's first bytes) authenticates under
    ``raw_key`` in any known format."""
    if len(head) < PAGE_SIZE:
        return False
    salt = head[:SALT_BYTES]
    hmac_key = hashlib.pbkdf2_hmac("sha512", raw_key, bytes(b ^ 0x3A for b in salt), 2, 32)
    for cipher_format in FORMATS:
        for index in range(len(head) // PAGE_SIZE):
            page = head[index * PAGE_SIZE : (index + 1) * PAGE_SIZE]
            if _page_authenticates(page, index + 1, hmac_key, cipher_format):
                return True
    return False


def _page_authenticates(
    page: bytes, number: int, hmac_key: bytes, cipher_format: CipherFormat
) -> bool:
    start = SALT_BYTES if number == 1 else 0
    body_end = PAGE_SIZE - cipher_format.reserve + _IV_BYTES
    expected = page[body_end : body_end + cipher_format.hmac_bytes]
    mac = hmac.new(hmac_key, page[start:body_end] + struct.pack("<I", number), cipher_format.digest)
    return hmac.compare_digest(mac.digest(), expected)
