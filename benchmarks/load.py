"""A bounded load test on loopback: many concurrent sessions clicking through every page for a fixed time.

Starts the dashboard on 127.0.0.1 and opens ``--sessions`` (default 24) concurrent sessions over
Streamlit's own websocket protocol, each a separate Streamlit session like a browser tab. Every
session asks for the pages of ``app.py`` in its own shuffled order, one after another, until
``--seconds`` (default 60) have passed; then the sessions close and the server stops. The time of a
page is from the request to the server reporting the script finished. A page whose run shows an
exception, ends in an error, names an unknown page or takes longer than ``--timeout`` counts as an
error. The server's memory is sampled every second. With ``--workers N`` the dashboard runs as N
processes behind nginx (``make serve``); each session keeps nginx's affinity cookie and reconnects every
``--reconnect`` seconds, and a reconnect that reaches another process counts as a session moved.

Only loopback addresses are used and every loop is bounded in count and time.

    python -m benchmarks.load [--sessions 24] [--seconds 60] [--workers 0]
"""

from __future__ import annotations

import asyncio
import random
import threading
import time
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlparse

from benchmarks._common import (
    ROOT,
    app_pages,
    arguments,
    describe,
    machine,
    median,
    percentile,
    rss_mb,
    save,
)
from benchmarks._serving import deployment

MAX_SESSIONS = 64
MAX_SECONDS = 600
MAX_REQUESTS_PER_SESSION = 2_000


@dataclass
class Tally:
    """What the sessions saw."""

    times: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    per_page: dict[str, list[float]] = field(default_factory=dict)
    moved: int = 0  # reconnects that reached another process than the visitor's first
    processes: set[str] = field(default_factory=set)


@dataclass
class Visitor:
    """A visitor's affinity cookie, the process that served their first connection, and their clicks."""

    cookie: str | None = None
    served_by: str | None = None
    requests: int = 0

    def note(self, headers: Any, tally: Tally) -> None:
        """Keep the cookie nginx set; count a move when a connection reached another process."""
        set_cookie = headers.get("Set-Cookie")
        if set_cookie and self.cookie is None:
            self.cookie = set_cookie.split(";", 1)[0]
        served_by = headers.get("X-Served-By")
        if served_by is None:
            return  # one process direct: nothing to move between
        tally.processes.add(served_by)
        if self.served_by is None:
            self.served_by = served_by
        elif served_by != self.served_by:
            tally.moved += 1


async def request_page(socket: object, path: str, timeout: float) -> tuple[float, str | None]:
    """Ask for one page; return its time and an error description (or ``None``)."""
    from streamlit.proto.BackMsg_pb2 import BackMsg
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    message = BackMsg()
    message.rerun_script.query_string = ""
    message.rerun_script.page_name = path
    started = time.perf_counter()
    await socket.send(message.SerializeToString())  # type: ignore[attr-defined]
    problem: str | None = None
    deadline = started + timeout
    while True:
        remaining = deadline - time.perf_counter()
        if remaining <= 0:
            return time.perf_counter() - started, f"{path}: no answer within {timeout:.0f} s"
        raw = await asyncio.wait_for(socket.recv(), remaining)  # type: ignore[attr-defined]
        forward = ForwardMsg()
        forward.ParseFromString(raw)
        kind = forward.WhichOneof("type")
        if kind == "page_not_found":
            problem = f"{path}: page not found"
        elif kind == "delta" and forward.delta.WhichOneof("type") == "new_element":
            if forward.delta.new_element.WhichOneof("type") == "exception":
                problem = f"{path}: {forward.delta.new_element.exception.type}"
        elif kind == "script_finished":
            status = forward.script_finished
            if status == ForwardMsg.FINISHED_EARLY_FOR_RERUN:
                continue  # the first run of a session is superseded by the navigation rerun
            if status == ForwardMsg.FINISHED_WITH_COMPILE_ERROR:
                problem = f"{path}: compile error"
            return time.perf_counter() - started, problem


async def _visit(
    uri: str, order: list[str], until: float, timeout: float, tally: Tally, visitor: Visitor
) -> None:
    """One websocket connection of a visitor: pages one after another until ``until``."""
    import websockets
    from websockets.typing import Subprotocol

    headers = {"Cookie": visitor.cookie} if visitor.cookie else {}
    async with websockets.connect(
        uri, subprotocols=[Subprotocol("streamlit")], max_size=None, open_timeout=timeout,
        additional_headers=headers,
    ) as ws:  # fmt: skip
        visitor.note(ws.response.headers if ws.response else {}, tally)
        while time.perf_counter() < until and visitor.requests < MAX_REQUESTS_PER_SESSION:
            path = order[visitor.requests % len(order)]
            visitor.requests += 1
            seconds, problem = await request_page(ws, path, timeout)
            tally.times.append(seconds)
            tally.per_page.setdefault(path, []).append(seconds)
            if problem:
                tally.errors.append(problem)


async def _session(
    url: str, paths: list[str], until: float, timeout: float, tally: Tally, seed: int, reconnect: float
) -> None:
    """A visitor clicking through the pages, reconnecting every ``reconnect`` seconds as a browser does
    after a network blip (with its affinity cookie, so it must come back to the same process)."""
    import websockets

    order = list(paths)
    random.Random(seed).shuffle(order)
    uri = url.replace("http://", "ws://") + "/_stcore/stream"
    visitor = Visitor()
    try:
        while time.perf_counter() < until and visitor.requests < MAX_REQUESTS_PER_SESSION:
            leg = min(until, time.perf_counter() + reconnect)
            await _visit(uri, order, leg, timeout, tally, visitor)
    except TimeoutError:
        tally.errors.append(f"session {seed}: no answer within {timeout:.0f} s")
    except (OSError, websockets.exceptions.WebSocketException) as error:
        tally.errors.append(f"session {seed}: {error.__class__.__name__}: {error}")


async def _run(
    url: str, paths: list[str], sessions: int, seconds: float, timeout: float, reconnect: float
) -> Tally:
    tally = Tally()
    until = time.perf_counter() + seconds
    await asyncio.gather(
        *(_session(url, paths, until, timeout, tally, seed, reconnect) for seed in range(sessions))
    )
    return tally


def _arguments() -> Any:
    parser = arguments(__doc__)
    parser.add_argument(
        "--sessions", type=int, default=24, help=f"concurrent sessions (at most {MAX_SESSIONS})"
    )
    parser.add_argument(
        "--seconds", type=float, default=60, help=f"how long to click (at most {MAX_SECONDS})"
    )
    parser.add_argument("--timeout", type=float, default=60, help="seconds before a page counts as an error")
    parser.add_argument(
        "--workers", type=int, default=0, help="processes behind nginx (default 0: one process, direct)"
    )
    parser.add_argument(
        "--reconnect", type=float, default=15, help="seconds between a session's reconnects (default 15)"
    )
    return parser.parse_args()


def _memory_sampler(pids: tuple[int, ...], samples: list[float]) -> tuple[threading.Thread, threading.Event]:
    stop = threading.Event()

    def sample() -> None:
        while not stop.wait(1.0):
            samples.append(sum(rss_mb(pid) for pid in pids))

    return threading.Thread(target=sample, daemon=True), stop


def main() -> None:
    args = _arguments()
    sessions = max(1, min(args.sessions, MAX_SESSIONS))
    seconds = max(5.0, min(args.seconds, MAX_SECONDS))
    from trafford_dash.pipeline import build

    build.build()  # a no-op when current
    info = machine()
    pages = app_pages()
    paths = [page.url_path for page in pages]
    samples: list[float] = []
    with deployment(max(0, args.workers)) as target:
        assert urlparse(target.url).hostname == "127.0.0.1", "the load test only targets the loopback address"
        idle_mb = [rss_mb(pid) for pid in target.worker_pids]
        # One warm-up session first, as the first visitor after a restart would be.
        warm = asyncio.run(_run(target.url, paths, 1, 1.0, args.timeout, args.reconnect))
        sampler, stop = _memory_sampler(target.worker_pids, samples)
        sampler.start()
        started = time.perf_counter()
        tally = asyncio.run(_run(target.url, paths, sessions, seconds, args.timeout, args.reconnect))
        elapsed = time.perf_counter() - started
        stop.set()
        sampler.join(timeout=5)
        final_mb = [rss_mb(pid) for pid in target.worker_pids]
    _report(target.label, info, sessions, seconds, elapsed, tally, {p.url_path: p.label for p in pages})
    print(
        f"Server memory per process: {', '.join(f'{m:.0f}' for m in idle_mb)} MB idle, "
        f"{', '.join(f'{m:.0f}' for m in final_mb)} MB after; peak total {max(samples, default=0):.0f} MB"
    )
    out = save(
        "load" if not args.workers else f"load_{args.workers}_workers",
        {
            "machine": info,
            "deployment": target.label,
            "sessions": sessions,
            "seconds": seconds,
            "served": len(tally.times),
            "errors": tally.errors,
            "moved": tally.moved,
            "warm_up_errors": warm.errors,
            "median_s": median(tally.times),
            "p95_s": percentile(tally.times, 0.95),
            "memory_mb": {"idle": idle_mb, "peak_total": max(samples, default=0), "after": final_mb},
            "per_page": tally.per_page,
        },
    )
    print(f"Figures written to {out.relative_to(ROOT)}")
    raise SystemExit(1 if tally.errors or tally.moved else 0)


def _report(
    label: str, info: dict[str, Any], sessions: int, seconds: float, elapsed: float, tally: Tally,
    labels: dict[str, str],
) -> None:  # fmt: skip
    print(f"Machine: {describe(info)}")
    print(
        f"{label}: {sessions} concurrent sessions for {seconds:.0f} s (ran {elapsed:.0f} s), every page "
        "in each session's own order, each session reconnecting with its cookie as a browser does"
    )
    print(f"Pages served: {len(tally.times)}   errors: {len(tally.errors)} (target 0)")
    if tally.processes:
        print(
            f"Processes that served sessions: {len(tally.processes)}; "
            f"sessions moved: {tally.moved} (target 0)"
        )
    print(
        f"Page time: median {median(tally.times):.2f} s, "
        f"95th percentile {percentile(tally.times, 0.95):.2f} s, "
        f"max {max(tally.times, default=float('nan')):.2f} s"
    )
    print(f"\n{'page':<12} {'served':>7} {'median s':>9} {'p95 s':>7}")
    for path, label_text in labels.items():
        values = tally.per_page.get(path, [])
        print(f"{label_text:<12} {len(values):>7} {median(values):>9.2f} {percentile(values, 0.95):>7.2f}")
    for problem in sorted(set(tally.errors))[:20]:
        print(f"error: {problem}")


if __name__ == "__main__":
    main()
