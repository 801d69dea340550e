"""Streamlit's static files, copied once per Streamlit version with precompressed ``.gz`` copies beside
them, for nginx to serve (``gzip_static``) instead of the Python processes."""

from __future__ import annotations

import gzip
import shutil
from pathlib import Path

import streamlit

COMPRESSIBLE = {".js", ".css", ".json", ".svg", ".ttf", ".otf", ".map", ".txt", ".html", ".wasm"}
MARKER = ".complete"


def package_static() -> Path:
    """The folder Streamlit serves its page shell and ``static/`` assets from."""
    return Path(streamlit.__file__).parent / "static"


def prepared(run_dir: Path) -> Path:
    """A copy of Streamlit's static folder under ``run_dir`` with ``.gz`` files; reused when complete.

    Returns the folder nginx uses as ``root`` (it holds ``static/`` and ``favicon.png``).
    """
    target = run_dir / "static" / streamlit.__version__
    if (target / MARKER).exists():
        return target
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(package_static(), target)
    for path in target.rglob("*"):
        if path.is_file() and path.suffix in COMPRESSIBLE:
            data = path.read_bytes()
            packed = gzip.compress(data, compresslevel=9, mtime=0)
            if len(packed) < len(data):
                path.with_name(path.name + ".gz").write_bytes(packed)
    (target / MARKER).write_text(streamlit.__version__, encoding="utf-8")
    return target
