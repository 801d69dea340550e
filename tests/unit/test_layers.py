"""The package's layers: core ← store ← pipeline, and the page features on top, each on its own.

Data flows one way (raw → verified → validated → store → cached reads → feature logic → page), so imports
point down the layers: core imports nothing of the package above it; the store reads only core; the
pipeline builds from core and the store and never imports a feature; a feature imports core and the store
(never the pipeline) and no other feature, except that the overview reads the pillars' figures. The
open-data API sits beside the features under the same rule. The cached read layer (store/cached.py) is
the one place that may start a build, when no store exists yet, and the page components shared by every
feature (core/ui) read the store's metadata.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

from trafford_dash.core import config

PACKAGE = config.ROOT / "trafford_dash"
FEATURES = {"overview", "pillars", "spend", "map", "profile", "compare"}
ALLOWED = {
    "core": {"core"},
    "store": {"core", "store"},
    "pipeline": {"core", "store", "pipeline"},
    **{feature: {"core", "store", feature} for feature in FEATURES},
    "api": {"core", "store", "api"},  # the open-data API reads the store as the pages do
}
EXCEPTIONS = {
    ("overview", "pillars"),  # the landing page shows the pillars' exceptions
    ("store/cached.py", "pipeline"),  # a first visit builds the store it needs
}
SHARED_UI = "core/ui/"  # the page components every feature shares; they read the store's metadata


def layer_of(path: Path) -> str:
    return path.relative_to(PACKAGE).parts[0].removesuffix(".py")


def package_imports(path: Path) -> Iterator[str]:
    """The first-level packages of ``trafford_dash`` that ``path`` imports (lazy imports included)."""
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("trafford_dash"):
            parts = str(node.module).split(".")
            if len(parts) > 1:
                yield parts[1]
            else:
                yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.Import):
            for alias in node.names:
                parts = alias.name.split(".")
                if parts[0] == "trafford_dash" and len(parts) > 1:
                    yield parts[1]


def test_every_import_points_down_the_layers() -> None:
    offenders = []
    for path in sorted(PACKAGE.rglob("*.py")):
        layer = layer_of(path)
        if layer not in ALLOWED:
            continue  # the package's entry points (cli, __main__) may use every layer
        relative = path.relative_to(PACKAGE).as_posix()
        allowed = {"core", "store"} if relative.startswith(SHARED_UI) else ALLOWED[layer]
        for target in set(package_imports(path)):
            if target in allowed or (layer, target) in EXCEPTIONS or (relative, target) in EXCEPTIONS:
                continue
            offenders.append(f"{relative} imports {target}")
    assert not offenders, offenders


def test_the_package_has_few_top_level_entries() -> None:
    entries = [
        p.name for p in PACKAGE.iterdir() if p.name != "__pycache__" and not p.name.endswith(".egg-info")
    ]
    assert len(entries) <= 13, sorted(entries)
    assert set(entries) >= FEATURES
