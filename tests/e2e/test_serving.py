"""``make serve``: two processes behind nginx, two browser sessions, each staying on its own process.

nginx logs each request's process (``worker=``) and visitor key (``visitor=``, the affinity cookie), so
the test reads which process served every websocket a session opened.
"""

from __future__ import annotations

import os
import re
import shutil
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from deploy import nginx_config, serve
from tests.browser import wait_idle

pytestmark = pytest.mark.e2e
LINE = re.compile(r'"[A-Z]+ (\S+) HTTP/1\.1" (\d+) .* worker=(\S+) visitor=(\S+)')


@pytest.fixture(scope="module")
def served(built_store: None) -> Iterator[tuple[str, Path]]:
    del built_store
    if nginx_config.nginx_binary() is None:
        pytest.skip("nginx is not installed (make nginx installs Debian's package).")
    # Inside the checkout (like .serve/): nginx's workers run as an unprivileged user when it is started
    # as root, and must be able to read the static files; the temporary test folders are private.
    run_dir = serve.RUN_DIR / f"test-{os.getpid()}"
    port = serve.free_port()
    with serve.started(port, 2, run_dir) as serving:
        assert all(serve.healthy(worker.port) for worker in serving.workers)
        yield f"http://127.0.0.1:{port}", run_dir
    shutil.rmtree(run_dir, ignore_errors=True)


def requests(run_dir: Path) -> list[tuple[str, str, str, str]]:
    """(path, status, worker, visitor) of every proxied request logged so far (a websocket is logged
    when it closes)."""
    found = LINE.findall((run_dir / "access.log").read_text(encoding="utf-8"))
    return [line for line in found if line[2] != "-"]  # "-": nginx answered itself (the icon)


def worker_of(run_dir: Path, visitor: str) -> str:
    return next(worker for _, _, worker, seen in requests(run_dir) if seen == visitor)


def visit(browser: Any, url: str) -> tuple[Any, str]:
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.goto(url)
    wait_idle(page)
    cookie = next(c["value"] for c in context.cookies() if c["name"] == "td_worker")
    return page, cookie


def test_two_sessions_are_served_and_each_stays_on_its_process(
    browser: Any, served: tuple[str, Path]
) -> None:
    url, run_dir = served
    pages: list[Any] = []
    try:
        visitors: dict[str, str] = {}
        for _ in range(8):  # new visitors until the two processes have one each
            page, visitor = visit(browser, url)
            pages.append(page)
            visitors[visitor] = worker_of(run_dir, visitor)  # the page shell came from the same process
            if len(set(visitors.values())) == 2:
                break
        assert len(set(visitors.values())) == 2, visitors
        for page in pages:
            assert page.locator("h1").first.inner_text()  # each session drew its page
            page.get_by_role("link", name="Open Planned Care").click()  # a rerun in the same session
            wait_idle(page)
            assert page.url.split("?")[0].endswith("/pillars")
            page.reload()  # a new websocket for the same visitor
            wait_idle(page)
    finally:
        for page in pages:
            page.context.close()
    time.sleep(1)  # nginx logs each websocket as it closes
    logged = requests(run_dir)
    for visitor, worker in visitors.items():
        assert {w for _, _, w, v in logged if v == visitor} == {worker}, visitor
        sockets = [w for path, status, w, v in logged if v == visitor and path == "/_stcore/stream"]
        assert len(sockets) >= 2 and status_ok(logged, visitor)


def status_ok(logged: list[tuple[str, str, str, str]], visitor: str) -> bool:
    """No server error reached the visitor (Streamlit's own page-path probes may answer 404)."""
    return all(not status.startswith("5") for _, status, _, v in logged if v == visitor)
