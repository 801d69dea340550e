"""Checks shared by the upload readers (budgets and local indicators) before a file is decoded."""

from __future__ import annotations

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
