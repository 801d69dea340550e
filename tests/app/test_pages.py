"""Every page runs under AppTest with no exception."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from trafford_dash.core import config

PAGES = sorted(p.relative_to(config.ROOT).as_posix() for p in (config.ROOT / "app_pages").glob("*.py"))


def test_every_page_is_registered_in_the_router() -> None:
    router = (config.ROOT / "app.py").read_text(encoding="utf-8")
    for page in PAGES:
        assert f'"{page}"' in router, f"{page} is not registered with st.Page in app.py"


@pytest.mark.parametrize("page", PAGES)
def test_page_runs_without_exception(built_store: None, page: str) -> None:
    app = AppTest.from_file(str(config.ROOT / "app.py"), default_timeout=60)
    app.run()
    app.switch_page(page)
    app.run()
    assert not app.exception, [e.value for e in app.exception]
    assert app.title, f"{page} shows no title"
    for button in app.get("download_button"):
        # Made when clicked, with no rerun: a rerun would invalidate the other buttons' files.
        assert button.proto.ignore_rerun and button.proto.deferred_file_id, button.proto.label


def test_pages_are_thin() -> None:
    for page in PAGES:
        lines = Path(config.ROOT / page).read_text(encoding="utf-8").splitlines()
        assert len(lines) < 250, f"{page} has {len(lines)} lines; move logic into trafford_dash"
