"""Pieces shared by the upload readers (budgets and local indicators): one error type, one step that
checks a file's size and type and decodes it, one CSV reading step, and how text from a file is quoted
in the sentences that refuse it.

Each reader words its own sentences (:class:`FileRules`); the checks and their order are shared.
"""

from __future__ import annotations

import csv
import io
import math
import re
from collections.abc import Iterator
from dataclasses import dataclass

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


class UploadProblem(ValueError):
    """An upload was refused; the message is one plain sentence naming the problem."""


@dataclass(frozen=True)
class FileRules:
    """What an upload reader accepts, and its sentence for each refusal.

    Sentences are ``str.format`` templates: every one may use ``{name}`` (the file's name as shown);
    ``too_big`` also ``{size}`` (rounded up, e.g. ``1.1 MB``), ``{size_mb}`` and ``{limit_mb}``;
    ``not_utf8`` also ``{byte}`` (the first invalid byte, as a number) and ``{position}``. Checks left
    as ``None`` are not made.
    """

    max_bytes: int
    too_big: str
    not_csv: str
    utf16: str
    binary: str
    not_utf8: str
    empty: str | None = None
    """Checked first: a file with no bytes at all."""
    workbook: str | None = None
    """An Excel workbook (zip or OLE signature), checked before the file's name."""
    blank: str | None = None
    """Checked last: text with nothing but spaces and line breaks."""
    binary_scan: int | None = None
    """How many leading bytes are searched for a zero byte (``None``: all of them)."""


def size_text(n_bytes: int) -> str:
    """A file size in MB, rounded up to a tenth so a file just over the limit never reads as at it."""
    tenths = math.ceil(n_bytes / 1024 / 1024 * 10)
    return f"{tenths // 10} MB" if tenths % 10 == 0 else f"{tenths / 10:.1f} MB"


def _workbook(data: bytes) -> bool:
    return data[:4] == b"PK\x03\x04" or data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def decode_csv(data: bytes, filename: str, name: str, rules: FileRules) -> str:
    """The uploaded file's text, after checking it is a CSV text file within the size limit.

    Checks, in order: empty, over the size limit, a spreadsheet workbook, not named ``.csv``, UTF-16
    text, other binary data, not UTF-8 text (a byte-order mark is allowed), and blank.

    Raises
    ------
    UploadProblem
        With the reader's sentence for the first check the file fails.
    """
    limit_mb = rules.max_bytes / 1024 / 1024
    size_mb = len(data) / 1024 / 1024
    fields = {"name": name, "size": size_text(len(data)), "size_mb": size_mb, "limit_mb": limit_mb}
    refusals = (
        (rules.empty, lambda: len(data) == 0),
        (rules.too_big, lambda: len(data) > rules.max_bytes),
        (rules.workbook, lambda: _workbook(data)),
        (rules.not_csv, lambda: not filename.lower().endswith(".csv")),
        (rules.utf16, lambda: is_utf16(data)),
        (rules.binary, lambda: b"\x00" in data[: rules.binary_scan]),
    )
    for sentence, fails in refusals:
        if sentence is not None and fails():
            raise UploadProblem(sentence.format(**fields))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise UploadProblem(
            rules.not_utf8.format(**fields, byte=data[error.start], position=error.start)
        ) from None
    if rules.blank is not None and not text.strip():
        raise UploadProblem(rules.blank.format(**fields))
    return text


def csv_rows(text: str, unreadable: str) -> Iterator[list[str]]:
    """The rows of CSV text, one at a time; ``unreadable`` is the sentence for text the CSV reader
    cannot parse, with ``{error}`` replaced by the reader's message, raised as :class:`UploadProblem`
    where it fails (``unreadable`` may hold the file's name, so it is not a format template)."""
    try:
        yield from csv.reader(io.StringIO(text, newline=""))
    except csv.Error as error:
        raise UploadProblem(unreadable.replace("{error}", str(error))) from None


def finite_number(text: str) -> float | None:
    """``text`` as a finite number, or ``None`` for text that is not one (or is infinite or NaN)."""
    try:
        number = float(text)
    except ValueError:
        return None
    return number if math.isfinite(number) else None
