"""Uploads and downloads in real Chromium, on every page of app.py that has a file uploader.

For each such page: its own template (from its "template" download button) is uploaded and accepted;
then hostile files are refused with a sentence and no exception, and the data accepted earlier is
kept: wrong encoding, a file over the stated size limit, binary junk, and a template whose text cells
carry spreadsheet formulas and HTML/script (which must never be rendered as HTML or run). A CSV
download from every page that offers one is checked for provenance columns and neutralised formulas.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.conftest import PAGES, AppPage, _with_ui_imports, open_page, shown_exceptions, wait_idle
from trafford_dash.store import reader as store

pytestmark = [pytest.mark.e2e, pytest.mark.timeout(240)]

UPLOAD_PAGES = [p for p in PAGES if any("file_uploader" in f.read_text() for f in _with_ui_imports(p.script))]
HOSTILE_TEXT = (
    '=HYPERLINK("http://example.invalid","x") <img src=x onerror=alert(1)><script>alert(2)</script>'
)
UPLOADER = "[data-testid='stFileUploader']"
ERROR = "[data-testid='stAlertContentError'], [data-testid='stAlertContentWarning']"
SUCCESS = "[data-testid='stAlertContentSuccess']"


def _find_uploader(page: Any) -> bool:
    """Make the page's uploader visible: it may sit in a closed expander or on another tab."""
    for _ in range(2):
        uploader = page.locator(UPLOADER)
        if uploader.count() and uploader.first.is_visible():
            return True
        closed = page.locator("[data-testid='stExpander'] details:not([open])", has=page.locator(UPLOADER))
        if closed.count():
            closed.first.locator("summary").click()
            wait_idle(page)
            continue
        tabs = page.locator("[role='tab']")
        for i in range(tabs.count()):
            tabs.nth(i).click()
            wait_idle(page)
            if page.locator(UPLOADER).count():
                break
    uploader = page.locator(UPLOADER)
    return bool(uploader.count() and uploader.first.is_visible())


def _visible_template_button(page: Any) -> Any | None:
    buttons = page.locator("[data-testid='stDownloadButton'] button", has_text=re.compile("template", re.I))
    for i in range(buttons.count()):
        if buttons.nth(i).is_visible():
            return buttons.nth(i)
    return None


def _download(page: Any, button: Any) -> bytes:
    with page.expect_download(timeout=30_000) as info:
        button.click()
    path = info.value.path()
    return Path(path).read_bytes()


def _upload(page: Any, name: str, data: bytes) -> None:
    page.locator(f"{UPLOADER} input[type='file']").first.set_input_files(
        {"name": name, "mimeType": "text/csv", "buffer": data}
    )
    page.wait_for_timeout(300)
    wait_idle(page)


def _stated_limit(page: Any) -> int:
    """The upload limit the page states (e.g. "at most 200 KB", "up to 2 MB"), in bytes; 2 MB if none."""
    text = (
        page.locator(UPLOADER).first.inner_text() + " " + page.locator("[data-testid='stMain']").inner_text()
    )
    sizes = [
        float(number) * (1_000 if unit.upper() == "KB" else 1_000_000)
        for number, unit in re.findall(r"(\d+(?:\.\d+)?)\s*(KB|MB)\b", text, flags=re.IGNORECASE)
    ]
    return int(max(sizes)) if sizes else 2_000_000


def _hostile_variant(template: bytes) -> bytes:
    """The template with every free-text cell (title, category, note, …) replaced by hostile text."""
    rows = list(csv.reader(io.StringIO(template.decode("utf-8-sig"))))
    header = rows[0]
    text_columns = [i for i, name in enumerate(header) if name in {"title", "category", "note", "value_note"}]
    for row in rows[1:]:
        for i in text_columns:
            if i < len(row):
                row[i] = HOSTILE_TEXT if header[i] != "category" else f"{row[i]} <b>x</b>"
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    return out.getvalue().encode("utf-8")


def _assert_safe(page: Any) -> None:
    assert shown_exceptions(page) == []
    assert page.dialogs == [], "script from an uploaded file ran"  # type: ignore[attr-defined]
    assert page.locator("[data-testid='stMain'] img[src='x']").count() == 0, "uploaded HTML was rendered"
    assert page.locator("[data-testid='stMain'] script:has-text('alert(2)')").count() == 0
    assert not page.console_errors, page.console_errors


def test_some_page_has_an_uploader() -> None:
    if not UPLOAD_PAGES:
        pytest.skip("No page registered in app.py has a file uploader yet.")
    assert all(p.script.is_file() for p in UPLOAD_PAGES)


@pytest.mark.parametrize("app_page", UPLOAD_PAGES, ids=[p.label for p in UPLOAD_PAGES])
def test_a_valid_upload_is_accepted_and_bad_ones_change_nothing(
    app_url: str, page: Any, app_page: AppPage
) -> None:
    open_page(page, app_url, app_page.url_path)
    if not _find_uploader(page):
        pytest.skip(f"{app_page.label} shows no uploader without further choices")
    template_button = _visible_template_button(page)
    if template_button is None:
        pytest.skip(f"{app_page.label} offers no template to upload beside its uploader")
    template = _download(page, template_button)

    _upload(page, "valid.csv", template)
    _assert_safe(page)
    assert page.locator(ERROR).count() == 0, page.locator(ERROR).first.inner_text()
    accepted = page.locator(SUCCESS).count()

    limit = _stated_limit(page)
    padding = b"\n" + b"#" * 1000
    cases = {
        "utf16.csv": template.decode("utf-8-sig").encode("utf-16"),
        "latin1.csv": template.decode("utf-8-sig").replace("EXAMPLE", "EXAMPLÉ£").encode("latin-1", "replace")
        + "café £".encode("latin-1"),
        "huge.csv": template + padding * (limit // len(padding) + 2),
        "junk.csv": bytes(range(256)) * 40,
    }
    for name, data in cases.items():
        _upload(page, name, data)
        _assert_safe(page)
        assert page.locator(ERROR).count() >= 1, f"{name} was not refused with a message"
        message = page.locator(ERROR).first.inner_text().strip()
        assert message and "Traceback" not in message, message
        kept = page.locator(SUCCESS).count() >= accepted or re.search(
            r"unchanged|not changed|have not changed|was kept|still", message, flags=re.I
        )
        assert kept, f"{name}: the page neither keeps nor says it kept the data accepted earlier: {message}"

    _upload(page, "hostile.csv", _hostile_variant(template))
    _assert_safe(page)


PAGES_WITHOUT_DATA_DOWNLOAD = {"pillars"}  # only the template, until a tile is opened
READY_DOWNLOAD = """() => [...document.querySelectorAll("[data-testid='stDownloadButton'] button")].some(
  (b) => !b.disabled && !b.closest('[inert]') && !/template/i.test(b.textContent)
    && b.offsetParent !== null)"""


@pytest.mark.parametrize("app_page", PAGES, ids=[p.label for p in PAGES])
def test_csv_downloads_carry_provenance_and_no_live_formulas(
    app_url: str, page: Any, app_page: AppPage
) -> None:
    open_page(page, app_url, app_page.url_path)
    buttons = page.locator("[data-testid='stDownloadButton'] button").filter(
        has_not_text=re.compile("template", re.I)
    )
    if app_page.label in PAGES_WITHOUT_DATA_DOWNLOAD:
        assert buttons.count() == 0, f"{app_page.label} now offers a download: test it here"
        pytest.skip(f"{app_page.label} offers no data download on first load")
    page.wait_for_function(READY_DOWNLOAD, timeout=30_000)  # buttons arrive as the page draws
    checked = 0
    for i in range(min(buttons.count(), 3)):
        button = buttons.nth(i)
        if not button.is_visible() or button.evaluate("el => !!el.closest('[inert]') || el.disabled"):
            continue  # inside a closed popover or dialog, or not ready
        data = _download(page, button)
        try:
            text = data.decode("utf-8-sig")
            rows = list(csv.reader(io.StringIO(text)))
        except (UnicodeDecodeError, csv.Error):
            continue  # not a CSV (an HTML map, a picture): other tests cover those
        if not rows or len(rows[0]) < 2:
            continue
        header = [name.lower() for name in rows[0]]
        checked += 1
        assert any(word in " ".join(header) for word in ("source", "licence", "attribution")), header
        for row in rows[1:]:
            for cell in row:
                assert not cell.startswith(("=", "+", "@")) or re.fullmatch(r"[+-]?\d", cell[:2] or ""), cell
        assert "suppressed" not in header or all(
            row[header.index("value")] in ("", "nan") for row in rows[1:] if _flag(row, header)
        )
        assert _at_published_precision(header, rows[1:]), header
    if checked == 0:
        pytest.skip(f"{app_page.label} has no CSV download on first load")
    assert shown_exceptions(page) == []


def _at_published_precision(header: list[str], rows: list[list[str]]) -> bool:
    """Each indicator's value and limits have no more decimal places than its source published."""
    if "indicator_id" not in header:
        return True
    places = store.load_table("catalogue").set_index("indicator_id")["decimals"]
    limits = re.compile(r"(lower|upper)_ci_\d+")
    figures = [i for i, name in enumerate(header) if name == "value" or limits.fullmatch(name)]
    for row in rows:
        decimals = places.get(row[header.index("indicator_id")])
        cells = [float(row[i]) for i in figures if row[i] not in ("", "nan")]
        if decimals is not None and any(abs(round(c, int(decimals)) - c) > 1e-9 for c in cells):
            return False
    return True


def _flag(row: list[str], header: list[str]) -> bool:
    return "value" in header and row[header.index("suppressed")].strip().lower() == "true"


def test_a_download_straight_after_the_template_succeeds(app_url: str, page: Any) -> None:
    spend = next((p for p in PAGES if p.script.name == "spend.py"), None)
    if spend is None:
        pytest.skip("The spend page is not registered.")
    open_page(page, app_url, spend.url_path)
    page.wait_for_function(READY_DOWNLOAD, timeout=30_000)
    template = page.locator("[data-testid='stDownloadButton'] button", has_text="Download the template")
    board_pack = page.locator("[data-testid='stDownloadButton'] button", has_text="board pack")
    for _ in range(3):  # the failure this guards against was a race, so try it more than once
        assert _download(page, template.first).startswith(b"year,body,category")
        assert b"<html" in _download(page, board_pack.first)[:2000].lower()
    assert shown_exceptions(page) == []
    assert not page.console_errors, page.console_errors
