"""Capacity without a browser: fresh page views per second, one process direct against N behind nginx.

A fresh view is what a first-time visitor's browser asks for: the page shell, every static file a real
Chromium fetched for that page (recorded once at the start, same origin only; fetched on six connections
at once, as Chromium does), then Streamlit's websocket and one run of the page's script. The script
time is from asking for the run to the server reporting it finished, so it includes any wait for a
busy process.

1. Static-file cost: on an idle server, ``--views`` times each, the landing page's static files alone
   (bytes sent, server CPU), its script run alone, and whole fresh views (server CPU: the app's
   processes, plus nginx's behind nginx).
2. Capacity: fresh views arrive at a fixed rate for ``--seconds`` each step (rates rising until a step
   fails); a step passes when the 95th-percentile script time is under 2 s, the server keeps up (the
   95th-percentile whole view, static files included, also under 2 s) and there are no errors. The
   capacity is the highest passing rate. The load generator runs on the same machine and takes some of
   its CPU, so both figures are lower than a separate client would measure.
3. Memory of each app process after the steps.

    python -m benchmarks.capacity [--workers 2] [--seconds 15] [--views 10]
"""

from __future__ import annotations

import asyncio
import http.client
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlparse

from benchmarks._common import (
    app_pages,
    arguments,
    chromium,
    describe,
    machine,
    percentile,
    rss_mb,
    save,
)
from benchmarks._serving import Deployment, cpu_seconds, deployment
from benchmarks.load import request_page

P95_LIMIT = 2.0
RATES = (0.5, 1.0, 1.5, 2.0, 2.5, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 10.0, 12.0)
ACCEPT = "gzip, deflate, br"
BROWSER_CONNECTIONS = 6  # what Chromium opens to one host over HTTP/1.1
CAPACITY_TARGET = 1.8
CPU_TARGET = 0.5


@dataclass
class View:
    script_s: float | None = None
    view_s: float | None = None  # the whole view: static files, then the script
    bytes: int = 0
    error: str | None = None


@dataclass
class Step:
    rate: float
    views: list[View] = field(default_factory=list)
    seconds: float = 0.0  # from the first arrival to the last view finished

    @property
    def p95(self) -> float:
        return percentile([v.script_s for v in self.views if v.script_s is not None], 0.95)

    @property
    def view_p95(self) -> float:
        return percentile([v.view_s for v in self.views if v.view_s is not None], 0.95)

    @property
    def errors(self) -> int:
        return sum(1 for v in self.views if v.error)

    @property
    def achieved(self) -> float:
        """Views finished per second: below the offered rate when the server falls behind."""
        return len(self.views) / self.seconds if self.seconds else 0.0

    @property
    def passed(self) -> bool:
        """No errors, p95 script time under 2 s, and the server kept up (whole views under 2 s at p95)."""
        return self.errors == 0 and self.p95 < P95_LIMIT and self.view_p95 < P95_LIMIT


def record_assets(url: str, paths: list[str]) -> dict[str, list[str]]:
    """Per page, the same-origin GET requests Chromium makes on a first visit (the websocket aside)."""
    found: dict[str, list[str]] = {}
    from tests.browser import wait_idle

    with chromium() as browser:
        for path in paths:
            context = browser.new_context()
            page = context.new_page()
            seen: list[str] = []
            page.on("request", lambda r, seen=seen: seen.append(r.url) if r.method == "GET" else None)
            page.goto(f"{url}/{path}")
            wait_idle(page)
            context.close()
            local = [urlparse(u) for u in seen if u.startswith(url)]
            found[path] = [
                p.path + (f"?{p.query}" if p.query else "") for p in local if "stream" not in p.path
            ]
    return found


def _fetch(url: str, paths: list[str], cookie: str | None, view: View) -> str | None:
    """GET ``paths`` in turn on one keep-alive connection; returns the affinity cookie if one was set."""
    where = urlparse(url)
    connection = http.client.HTTPConnection(where.hostname or "127.0.0.1", where.port, timeout=60)
    try:
        for path in paths:
            headers = {"Accept-Encoding": ACCEPT} | ({"Cookie": cookie} if cookie else {})
            connection.request("GET", path, headers=headers)
            response = connection.getresponse()
            view.bytes += len(response.read())
            if response.status >= 500:
                view.error = f"{path}: HTTP {response.status}"
            set_cookie = response.getheader("Set-Cookie")
            if set_cookie and cookie is None:
                cookie = set_cookie.split(";", 1)[0]
    finally:
        connection.close()
    return cookie


def _fetch_all(url: str, assets: list[str], view: View) -> str | None:
    """The page shell, then the other files on six connections at once, as a browser fetches them."""
    cookie = _fetch(url, assets[:1], None, view)
    rest = assets[1:]
    with ThreadPoolExecutor(max_workers=BROWSER_CONNECTIONS) as pool:
        parts = [rest[i::BROWSER_CONNECTIONS] for i in range(BROWSER_CONNECTIONS)]
        list(pool.map(lambda part: _fetch(url, part, cookie, view), parts))
    return cookie


async def _run_script(url: str, path: str, cookie: str | None, view: View) -> None:
    import websockets
    from websockets.typing import Subprotocol

    uri = url.replace("http://", "ws://") + "/_stcore/stream"
    headers = {"Cookie": cookie} if cookie else {}
    async with websockets.connect(
        uri, subprotocols=[Subprotocol("streamlit")], max_size=None, additional_headers=headers
    ) as socket:
        seconds, problem = await request_page(socket, path, 60.0)
        view.script_s, view.error = seconds, view.error or problem


def fresh_view(url: str, path: str, assets: list[str]) -> View:
    view = View()
    started = time.perf_counter()
    try:
        cookie = _fetch_all(url, assets, view)
        asyncio.run(_run_script(url, path, cookie, view))
    except (OSError, TimeoutError, http.client.HTTPException) as error:
        view.error = f"{path}: {error.__class__.__name__}: {error}"
    except Exception as error:  # a websocket failure of any kind is an error to count
        view.error = f"{path}: {error.__class__.__name__}: {error}"
    view.view_s = time.perf_counter() - started
    return view


def _cpu_per_call(target: Deployment, call: Callable[[], object], times: int) -> float:
    call()  # warm-up
    time.sleep(1.0)  # let the server finish closing earlier sessions
    before = cpu_seconds(target.all_pids)
    for _ in range(times):
        call()
    return (cpu_seconds(target.all_pids) - before) / times


def static_cost(target: Deployment, assets: dict[str, list[str]], views: int) -> dict[str, float]:
    """Per fresh view of the landing page on an idle server: the static files' bytes and server CPU,
    the script run's server CPU, and the whole view's."""
    shell = assets[next(iter(assets))]
    sizes = View()
    _fetch_all(target.url, shell, sizes)
    return {
        "static_kb": sizes.bytes / 1024,
        "static_cpu_s": _cpu_per_call(target, lambda: _fetch_all(target.url, shell, View()), views),
        "script_cpu_s": _cpu_per_call(
            target, lambda: asyncio.run(_run_script(target.url, "", None, View())), views
        ),
        "cpu_s_per_view": _cpu_per_call(target, lambda: fresh_view(target.url, "", shell), views),
    }


def at_rate(target: Deployment, assets: dict[str, list[str]], rate: float, seconds: float) -> Step:
    """Fresh views arriving every ``1/rate`` seconds for ``seconds``, pages taken in turn."""
    paths = list(assets)
    count = max(1, int(rate * seconds))
    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=64) as pool:
        futures = []
        for i in range(count):
            time.sleep(max(0.0, started + i / rate - time.perf_counter()))
            path = paths[i % len(paths)]
            futures.append(pool.submit(fresh_view, target.url, path, assets[path]))
        views = [future.result() for future in futures]
    return Step(rate, views, time.perf_counter() - started)


def capacity(target: Deployment, assets: dict[str, list[str]], seconds: float) -> list[Step]:
    steps: list[Step] = []
    for rate in RATES:
        steps.append(at_rate(target, assets, rate, seconds))
        step = steps[-1]
        print(
            f"  {target.label}: offered {rate:>4} views/s, finished {step.achieved:4.1f}/s; p95 script "
            f"{step.p95:5.2f} s, whole view {step.view_p95:5.2f} s; errors {step.errors}"
        )
        if not steps[-1].passed:
            break
        time.sleep(3)  # let queued work drain between steps
    return steps


def best_rate(steps: list[Step]) -> float:
    return max((s.rate for s in steps if s.passed), default=0.0)


def measure(workers: int, seconds: float, views: int) -> dict[str, Any]:
    with deployment(workers) as target:
        paths = [page.url_path for page in app_pages()]
        assets = record_assets(target.url, paths)
        cost = static_cost(target, assets, views)
        steps = capacity(target, assets, seconds)
        memory = [rss_mb(pid) for pid in target.worker_pids]
    return {"label": target.label, "cost": cost, "steps": steps, "memory_mb": memory}


def report(direct: dict[str, Any], proxied: dict[str, Any]) -> None:
    print("\nA fresh view of the landing page on an idle server:")
    print(f"{'':<28} {'static kB':>10} {'static CPU s':>13} {'script CPU s':>13} {'view CPU s':>11}")
    for result in (direct, proxied):
        cost = result["cost"]
        print(
            f"{result['label']:<28} {cost['static_kb']:>10.0f} {cost['static_cpu_s']:>13.3f} "
            f"{cost['script_cpu_s']:>13.3f} {cost['cpu_s_per_view']:>11.3f}"
        )
    print(f"\n{'':<28} {'views/s at p95<2s':>18} {'MB per process after':>21}")
    for result in (direct, proxied):
        memory = ", ".join(f"{m:.0f}" for m in result["memory_mb"])
        print(f"{result['label']:<28} {best_rate(result['steps']):>18.1f} {memory:>21}")
    gain = best_rate(proxied["steps"]) / max(best_rate(direct["steps"]), 1e-9)
    cpu = proxied["cost"]["cpu_s_per_view"] / direct["cost"]["cpu_s_per_view"]
    print(f"Capacity ratio: {gain:.2f}x (target >= {CAPACITY_TARGET}x)")
    print(
        f"Server CPU per fresh view, nginx serving the static files / direct: {cpu:.2f} "
        f"(target <= {CPU_TARGET})"
    )


def main() -> None:
    parser = arguments(__doc__)
    parser.add_argument("--workers", type=int, default=2, help="processes behind nginx (default 2)")
    parser.add_argument("--seconds", type=float, default=15, help="seconds per rate step (default 15)")
    parser.add_argument("--views", type=int, default=10, help="sequential views for the static cost")
    args = parser.parse_args()
    info = machine()
    direct = measure(0, args.seconds, args.views)
    proxied = measure(max(1, args.workers), args.seconds, args.views)
    print(f"Machine: {describe(info)}")
    report(direct, proxied)

    def plain(result: dict[str, Any]) -> dict[str, Any]:
        steps = [{"rate": s.rate, "p95": s.p95, "errors": s.errors} for s in result["steps"]]
        return {**result, "steps": steps}

    save("capacity", {"machine": info, "direct": plain(direct), "nginx": plain(proxied)})


if __name__ == "__main__":
    main()
