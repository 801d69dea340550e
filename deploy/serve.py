"""Serve the dashboard to many users: several Streamlit processes on loopback ports behind nginx.

``make serve WORKERS=N PORT=P`` runs this. It builds the store if needed, starts N identical processes of
``server.py`` (the app and its API), waits until each answers ``/_stcore/health``, writes the nginx
configuration (session affinity, websockets, Streamlit's static files served by nginx with precompressed
copies) into ``.serve/`` and runs nginx in front on port P. Every few seconds it checks each process's
health and restarts one that has died or stopped answering. Ctrl+C (or SIGTERM) stops nginx and every
process cleanly.

    python -m deploy.serve [--workers N] [--port P]
"""

from __future__ import annotations

import argparse
import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType

from deploy import nginx_config, static_files

ROOT = Path(__file__).resolve().parents[1]
RUN_DIR = ROOT / ".serve"
HEALTH_EVERY = 5.0
START_TIMEOUT = 120.0
FAILED_CHECKS_BEFORE_RESTART = 3


def free_port() -> int:
    with contextlib.closing(socket.socket(socket.AF_INET, socket.SOCK_STREAM)) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def healthy(port: int, timeout: float = 2.0) -> bool:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=timeout) as answer:
            return bool(answer.status == 200)
    except OSError:
        return False


@dataclass
class Worker:
    """One Streamlit process of the app on a loopback port."""

    port: int
    log: Path
    process: subprocess.Popen[bytes] | None = None
    failed_checks: int = 0

    def start(self) -> None:
        command = [
            sys.executable, "-m", "streamlit", "run", str(ROOT / "server.py"),
            "--server.port", str(self.port), "--server.address", "127.0.0.1",
            "--server.headless", "true", "--browser.gatherUsageStats", "false",
            # The code and the store do not change while serving: no file watching, no reruns on save.
            "--server.fileWatcherType", "none", "--server.runOnSave", "false",
        ]  # fmt: skip
        with self.log.open("ab") as log:
            self.process = subprocess.Popen(command, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT)
        self.failed_checks = 0

    def wait_healthy(self, timeout: float = START_TIMEOUT) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process is not None and self.process.poll() is not None:
                raise RuntimeError(f"The process on port {self.port} exited; see {self.log}.")
            if healthy(self.port):
                return
            time.sleep(0.25)
        raise RuntimeError(f"The process on port {self.port} did not answer within {timeout:.0f} s.")

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


@dataclass
class Serving:
    """nginx and its workers, started together and stopped together."""

    port: int
    workers: list[Worker] = field(default_factory=list)
    nginx: subprocess.Popen[bytes] | None = None

    def check_workers(self) -> list[int]:
        """Restart workers that died or failed several health checks in a row; return their ports."""
        restarted = []
        for worker in self.workers:
            dead = worker.process is None or worker.process.poll() is not None
            worker.failed_checks = 0 if not dead and healthy(worker.port) else worker.failed_checks + 1
            if dead or worker.failed_checks >= FAILED_CHECKS_BEFORE_RESTART:
                worker.stop()
                worker.start()
                restarted.append(worker.port)
        return restarted

    def stop(self) -> None:
        if self.nginx is not None and self.nginx.poll() is None:
            self.nginx.send_signal(signal.SIGQUIT)  # graceful: finish open requests
            try:
                self.nginx.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.nginx.kill()
        for worker in self.workers:
            worker.stop()


def build_store() -> None:
    from trafford_dash.pipeline import build

    def progress(fraction: float, message: str) -> None:
        print(f"[{fraction:6.1%}] {message}", flush=True)

    build.build(progress=progress)


@contextlib.contextmanager
def started(port: int, count: int, run_dir: Path = RUN_DIR) -> Iterator[Serving]:
    """Start ``count`` workers and nginx on ``port``; stop them all when the block ends."""
    binary = nginx_config.nginx_binary()
    if binary is None:
        raise RuntimeError("nginx is not installed; run `make nginx` as root (Debian's package), then retry.")
    (run_dir / "logs").mkdir(parents=True, exist_ok=True)
    static_root = static_files.prepared(run_dir)
    serving = Serving(port)
    try:
        for number in range(count):
            worker = Worker(free_port(), run_dir / "logs" / f"worker-{number + 1}.log")
            worker.start()
            serving.workers.append(worker)
        for worker in serving.workers:
            worker.wait_healthy()
        config = nginx_config.write(port, [w.port for w in serving.workers], static_root, run_dir)
        problem = nginx_config.check(binary, config, run_dir)
        if problem:
            raise RuntimeError(f"nginx rejected {config}: {problem}")
        command = [binary, "-p", str(run_dir), "-c", str(config), "-g", "daemon off;"]
        serving.nginx = subprocess.Popen(command)
        deadline = time.monotonic() + 15
        while not healthy(port) and time.monotonic() < deadline:
            if serving.nginx.poll() is not None:
                raise RuntimeError(f"nginx stopped on start; see {run_dir / 'error.log'}.")
            time.sleep(0.2)
        yield serving
    finally:
        serving.stop()


def _pause(seconds: float, done: Callable[[], bool]) -> None:
    """Sleep up to ``seconds``, waking early once ``done()`` (a stop signal arrived)."""
    deadline = time.monotonic() + seconds
    while not done() and time.monotonic() < deadline:
        time.sleep(0.2)


def _arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1, help="processes (default: cores)")
    parser.add_argument("--port", type=int, default=8501, help="the port nginx listens on (default 8501)")
    args = parser.parse_args(argv)
    if not 1 <= args.workers <= 64:
        parser.error("--workers must be between 1 and 64.")
    return args


def main(argv: list[str] | None = None) -> int:
    args = _arguments(argv)
    stopping = False

    def stop(signum: int, frame: FrameType | None) -> None:
        del signum, frame
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    try:
        build_store()
        with started(args.port, args.workers) as serving:
            ports = ", ".join(str(w.port) for w in serving.workers)
            print(f"Serving on http://localhost:{args.port}: nginx in front of {args.workers} processes "
                  f"(ports {ports}). Ctrl+C stops everything.", flush=True)  # fmt: skip
            while not stopping:
                _pause(HEALTH_EVERY, lambda: stopping)
                if stopping:
                    break
                if serving.nginx is not None and serving.nginx.poll() is not None:
                    print(f"nginx stopped; see {RUN_DIR / 'error.log'}.", file=sys.stderr)
                    return 1
                for port in serving.check_workers():
                    print(f"Restarted the process on port {port} (it stopped answering).", flush=True)
    except RuntimeError as error:
        print(error, file=sys.stderr)
        return 1
    print("Stopped nginx and every process.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
