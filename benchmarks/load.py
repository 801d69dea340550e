"""A bounded load test on loopback: many concurrent sessions clicking through every page for a fixed time.

Starts the dashboard on 127.0.0.1 and opens ``--sessions`` (default 24) concurrent sessions over
Streamlit's own websocket protocol, each a separate Streamlit session like a browser tab. Every
session asks for the pages of ``app.py`` in its own shuffled order, one after another, until
``--seconds`` (default 60) have passed; then the sessions close and the server stops. The time of a
page is from the request to the server reporting the script finished. A page whose run shows an
exception, ends in an error, names an unknown page or takes longer than ``--timeout`` counts as an
error. The server's memory is sampled every second.

Only loopback addresses are used and every loop is bounded in count and time.

    python -m benchmarks.load [--sessions 24] [--seconds 60]
"""

from __future__ import annotations

import asyncio
import random
import threading
import time
from dataclasses import dataclass, field
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
    serve,
)

MAX_SESSIONS = 64
MAX_SECONDS = 600
MAX_REQUESTS_PER_SESSION = 2_000


@dataclass
class Tally:
    """What the sessions saw."""

    times: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    per_page: dict[str, list[float]] = field(default_factory=dict)


async def _request(socket: object, path: str, timeout: float) -> tuple[float, str | None]:
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


async def _session(url: str, paths: list[str], until: float, timeout: float, tally: Tally, seed: int) -> None:
    import websockets
    from websockets.typing import Subprotocol

    order = list(paths)
    random.Random(seed).shuffle(order)
    uri = url.replace("http://", "ws://") + "/_stcore/stream"
    try:
        async with websockets.connect(
            uri, subprotocols=[Subprotocol("streamlit")], max_size=None, open_timeout=timeout
        ) as ws:
            for count in range(MAX_REQUESTS_PER_SESSION):
                if time.perf_counter() >= until:
                    break
                path = order[count % len(order)]
                try:
                    seconds, problem = await _request(ws, path, timeout)
                except TimeoutError:
                    tally.errors.append(f"{path}: no answer within {timeout:.0f} s")
                    return
                tally.times.append(seconds)
                tally.per_page.setdefault(path, []).append(seconds)
                if problem:
                    tally.errors.append(problem)
    except (OSError, websockets.exceptions.WebSocketException) as error:
        tally.errors.append(f"session {seed}: {error.__class__.__name__}: {error}")


async def _run(url: str, paths: list[str], sessions: int, seconds: float, timeout: float) -> Tally:
    tally = Tally()
    until = time.perf_counter() + seconds
    await asyncio.gather(*(_session(url, paths, until, timeout, tally, seed) for seed in range(sessions)))
    return tally


def main() -> None:
    parser = arguments(__doc__)
    parser.add_argument(
        "--sessions", type=int, default=24, help=f"concurrent sessions (at most {MAX_SESSIONS})"
    )
    parser.add_argument(
        "--seconds", type=float, default=60, help=f"how long to click (at most {MAX_SECONDS})"
    )
    parser.add_argument("--timeout", type=float, default=60, help="seconds before a page counts as an error")
    args = parser.parse_args()
    sessions = max(1, min(args.sessions, MAX_SESSIONS))
    seconds = max(5.0, min(args.seconds, MAX_SECONDS))

    from trafford_dash.pipeline import build

    build.build()  # a no-op when current
    info = machine()
    pages = app_pages()
    paths = [page.url_path for page in pages]
    labels = {page.url_path: page.label for page in pages}
    samples: list[float] = []
    with serve(ROOT / "server.py") as server:
        host = urlparse(server.url).hostname
        assert host == "127.0.0.1", "the load test only ever targets the loopback address"
        stop = threading.Event()

        def sample() -> None:
            while not stop.wait(1.0):
                samples.append(rss_mb(server.pid))

        sampler = threading.Thread(target=sample, daemon=True)
        idle_mb = rss_mb(server.pid)
        # One warm-up session first, as the first visitor after a restart would be.
        warm = asyncio.run(_run(server.url, paths, 1, 1.0, args.timeout))
        sampler.start()
        started = time.perf_counter()
        tally = asyncio.run(_run(server.url, paths, sessions, seconds, args.timeout))
        elapsed = time.perf_counter() - started
        stop.set()
        sampler.join(timeout=5)
        final_mb = rss_mb(server.pid)

    print(f"Machine: {describe(info)}")
    print(
        f"{sessions} concurrent sessions for {seconds:.0f} s on {host} (ran {elapsed:.0f} s), "
        f"{len(paths)} pages each in its own order"
    )
    print(f"Pages served: {len(tally.times)}   errors: {len(tally.errors)} (target 0)")
    print(
        f"Page time: median {median(tally.times):.2f} s, "
        f"95th percentile {percentile(tally.times, 0.95):.2f} s, "
        f"max {max(tally.times, default=float('nan')):.2f} s"
    )
    print(
        f"Server memory: {idle_mb:.0f} MB idle, peak {max(samples, default=final_mb):.0f} MB under load, "
        f"{final_mb:.0f} MB after the sessions closed"
    )
    print()
    print(f"{'page':<12} {'served':>7} {'median s':>9} {'p95 s':>7}")
    for path in paths:
        values = tally.per_page.get(path, [])
        print(f"{labels[path]:<12} {len(values):>7} {median(values):>9.2f} {percentile(values, 0.95):>7.2f}")
    for problem in sorted(set(tally.errors))[:20]:
        print(f"error: {problem}")
    out = save(
        "load",
        {
            "machine": info,
            "sessions": sessions,
            "seconds": seconds,
            "served": len(tally.times),
            "errors": tally.errors,
            "warm_up_errors": warm.errors,
            "median_s": median(tally.times),
            "p95_s": percentile(tally.times, 0.95),
            "memory_mb": {"idle": idle_mb, "peak": max(samples, default=final_mb), "after": final_mb},
            "per_page": {labels[path]: tally.per_page.get(path, []) for path in paths},
        },
    )
    print(f"Figures written to {out.relative_to(ROOT)}")
    raise SystemExit(1 if tally.errors else 0)


if __name__ == "__main__":
    main()
