"""What the data store depends on: the build's code (followed through its imports), the authored
reference data it reads and the pinned source registry, hashed into one fingerprint.

A store whose manifest carries today's fingerprint is current, so a build with unchanged inputs is a
quick no-op; editing a page or a file only the pages read never forces a rebuild.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from pathlib import Path

import trafford_dash
from trafford_dash.core import config

_IMPORTS = re.compile(
    r"^[ \t]*from[ \t]+([\w.]+)[ \t]+import[ \t]+(?:\(([^)]*)\)|([\w \t,]+))|^[ \t]*import[ \t]+([\w.]+)",
    re.MULTILINE,
)


def _imported_modules(path: Path, package: Path) -> set[Path]:
    """The package's own modules that ``path`` imports (``from trafford_dash[.x] import y``, anywhere)."""
    found: set[Path] = set()
    for module, grouped, inline, plain in _IMPORTS.findall(path.read_text(encoding="utf-8")):
        base = module or plain
        if base.split(".")[0] != package.name:
            continue
        imported = re.sub(r"#.*", "", grouped or inline).replace(",", " ").split()
        for name in [base, *(f"{base}.{item}" for item in imported)]:
            parts = name.split(".")[1:]
            candidates = [package / "__init__.py"]
            if parts:
                candidates = [
                    package.joinpath(*parts[:-1], f"{parts[-1]}.py"),
                    package.joinpath(*parts, "__init__.py"),
                ]
            found.update(candidate for candidate in candidates if candidate.is_file())
    return found


def code_files() -> list[Path]:
    """Every module the build runs (followed through its imports): a change to these changes the store.

    Page and user-interface modules are left out, so editing them never forces a rebuild.
    """
    package = Path(trafford_dash.__file__).resolve().parent
    pending = [package / "pipeline" / "build.py"]
    seen: set[Path] = set()
    while pending:
        path = pending.pop()
        if path in seen:
            continue
        seen.add(path)
        pending.extend(_imported_modules(path, package) - seen)
    return sorted(seen)


def authored_files(code: Sequence[Path] | None = None) -> list[Path]:
    """The reviewed reference data the build reads: CSV files under ``data/`` that the build's code names.

    Raw and processed data are left out, and so are authored files only the pages read (plan tables,
    upload templates), so editing those never forces a rebuild.
    """
    text = "\n".join(path.read_text(encoding="utf-8") for path in (code or code_files()))
    named = set(re.findall(r"[\w.-]+\.csv", text))
    skip = (config.RAW_DIR.name, config.PROCESSED_DIR.name)
    found = []
    for path in config.DATA_DIR.rglob("*.csv"):
        top = path.relative_to(config.DATA_DIR).parts[0]
        if top in skip or top.startswith(f"{config.PROCESSED_DIR.name}.") or top.startswith("."):
            continue
        if path.name in named:
            found.append(path)
    return sorted(found)


def fingerprint() -> str:
    """A hash of everything the store depends on: pinned sources, authored data and the build's code."""
    digest = hashlib.sha256()
    digest.update(f"schema={config.STORE_SCHEMA_VERSION};version={trafford_dash.__version__}".encode())
    code = code_files()
    # The source registry (every pinned sha256) is hashed whole, as one of the authored files.
    authored = sorted({*authored_files(code), config.SOURCES_CSV})
    for path in [*authored, *code]:
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()
