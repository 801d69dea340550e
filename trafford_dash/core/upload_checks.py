"""Pieces shared by the upload readers (budgets and local indicators): a UTF-16 check before a file is
decoded, and how text from a file is quoted in the sentences that refuse it."""

from __future__ import annotations

import re

UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
_SAMPLE = 512


def is_utf16(data: bytes) -> bool:
    """True for UTF-16 text: a UTF-16 byte-order mark, or ASCII text with every other byte zero.

    Spreadsheets save "Unicode text" this way; without this check such a file would be refused as
    binary data, which does not tell the user what to change.
    """
    if data.startswith(UTF16_BOMS) and not data.startswith(b"\xff\xfe\x00\x00"):  # not UTF-32
        return True
    sample = data[:_SAMPLE]
    if len(sample) < 4:
        return False
    even, odd = sample[0::2], sample[1::2]
    # Little-endian puts an ASCII character's zero byte second, big-endian first; a few non-ASCII
    # characters (a euro sign, say) have no zero byte.
    return (0 not in even and odd.count(0) >= 0.9 * len(odd)) or (
        0 not in odd and even.count(0) >= 0.9 * len(even)
    )


_HIDDEN = re.compile(r"[\x00-\x1f\x7f-\x9f\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]+")
"""Control characters, line breaks and the invisible marks that reorder text on screen."""


def plain(text: object) -> str:
    """Text from an upload as one plain line: hidden and control characters become a space."""
    return _HIDDEN.sub(" ", str(text)).strip()


def quote(text: object, limit: int = 40) -> str:
    """Text from an upload for a sentence about it: one line, shortened to ``limit`` characters, in
    single quotes, and otherwise exactly as the file has it (no escape sequences added).

    Pages show these sentences with every Markdown and HTML character escaped, so the quoted text
    appears literally.
    """
    shown = plain(text)
    return f"'{shown if len(shown) <= limit else shown[: limit - 1] + '…'}'"
