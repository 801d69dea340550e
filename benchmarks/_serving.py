"""The two ways the capacity benchmarks serve the dashboard: one process direct, or N behind nginx.

Also the server CPU a set of processes has used (Linux ``/proc``), children included.
"""

from __future__ import annotations

import contextlib
import os
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from benchmarks._common import ROOT, serve
from deploy import serve as serving

TICKS = os.sysconf("SC_CLK_TCK")


@dataclass(frozen=True)
class Deployment:
    """A running dashboard: its address, its app processes and (behind nginx) nginx's processes."""

    label: str
    url: str
    worker_pids: tuple[int, ...]
    proxy_pids: tuple[int, ...] = ()

    @property
    def all_pids(self) -> tuple[int, ...]:
        return self.worker_pids + self.proxy_pids


def children(pid: int) -> list[int]:
    with contextlib.suppress(OSError):
        return [int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    return []


def cpu_seconds(pids: tuple[int, ...]) -> float:
    """User plus system CPU seconds used so far by ``pids`` and their children."""
    total = 0
    every = [*pids, *(child for parent in pids for child in children(parent))]
    for pid in every:
        with contextlib.suppress(OSError):
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / TICKS


@contextlib.contextmanager
def deployment(workers: int) -> Iterator[Deployment]:
    """``workers`` = 0: one process serving everything itself; else that many behind nginx."""
    if workers == 0:
        with serve(ROOT / "server.py") as server:
            yield Deployment("1 process, direct", server.url, (server.pid,))
        return
    run_dir = serving.RUN_DIR / f"bench-{os.getpid()}"
    try:
        with serving.started(serving.free_port(), workers, run_dir) as running:
            assert running.nginx is not None
            yield Deployment(
                f"{workers} processes behind nginx",
                f"http://127.0.0.1:{running.port}",
                tuple(w.process.pid for w in running.workers if w.process is not None),
                (running.nginx.pid,),
            )
    finally:
        shutil.rmtree(run_dir, ignore_errors=True)
