"""The nginx configuration for several dashboard processes, from ``deploy/nginx.conf.template``."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Sequence
from pathlib import Path

TEMPLATE = Path(__file__).with_name("nginx.conf.template")
MIME_TYPES = Path("/etc/nginx/mime.types")
FALLBACK_TYPES = """types {
        text/html html;
        text/css css;
        application/javascript js mjs;
        application/json json map;
        image/png png;
        image/svg+xml svg;
        font/woff2 woff2;
        font/woff woff;
        font/ttf ttf;
        application/wasm wasm;
    }"""


def nginx_binary() -> str | None:
    """nginx's path, or None when it is not installed."""
    return shutil.which("nginx") or next(
        (str(p) for p in (Path("/usr/sbin/nginx"), Path("/usr/local/sbin/nginx")) if p.exists()), None
    )


def render(port: int, worker_ports: Sequence[int], static_root: Path, run_dir: Path) -> str:
    """The configuration text: nginx on ``port``, one upstream server per worker port."""
    servers = "\n".join(f"        server 127.0.0.1:{p} max_fails=3 fail_timeout=10s;" for p in worker_ports)
    mime = f"include {MIME_TYPES};" if MIME_TYPES.exists() else FALLBACK_TYPES
    text = TEMPLATE.read_text(encoding="utf-8")
    for name, value in {
        "@RUN@": str(run_dir),
        "@MIME@": mime,
        "@SERVERS@": servers,
        "@PORT@": str(port),
        "@STATIC@": str(static_root),
    }.items():
        text = text.replace(name, value)
    return text


def write(port: int, worker_ports: Sequence[int], static_root: Path, run_dir: Path) -> Path:
    """Write the configuration (and the folders it names) into ``run_dir``; return its path."""
    # nginx creates the temporary folders itself, owned by its worker user; their parent must exist.
    (run_dir / "tmp").mkdir(parents=True, exist_ok=True)
    path = run_dir / "nginx.conf"
    path.write_text(render(port, worker_ports, static_root, run_dir), encoding="utf-8")
    return path


def check(binary: str, config: Path, run_dir: Path) -> str | None:
    """nginx's own test of the configuration: None when it is valid, else its complaint."""
    result = subprocess.run(
        [binary, "-t", "-q", "-p", str(run_dir), "-c", str(config)],
        capture_output=True,
        text=True,
        check=False,
    )
    return None if result.returncode == 0 else (result.stderr.strip() or "nginx rejected the configuration")
