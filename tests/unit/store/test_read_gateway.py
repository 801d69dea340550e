"""One cached way into the store: pages and UI code read it only through ``store/cached.py``."""

from __future__ import annotations

import ast
import uuid
from pathlib import Path

import pytest

from trafford_dash.core import config
from trafford_dash.store import cached

PACKAGE = config.ROOT / "trafford_dash"
GATEWAY = PACKAGE / "store" / "cached.py"
# Readers of the store that are not drawn by Streamlit: the store itself and the build that writes it.
READERS = (PACKAGE / "store", PACKAGE / "pipeline")
# The command line (``python -m trafford_dash``) syncs the catalogue's coverage right after a build;
# it runs without Streamlit, so it has no cache to go through.
COMMAND_LINE = PACKAGE / "cli.py"
# The open-data API answers HTTP requests outside any script run; it keeps its rendered answers per
# store version itself (api/responses.py), so it reads the store directly as the command line does.
API = PACKAGE / "api"


def app_files() -> list[Path]:
    return [*PACKAGE.rglob("*.py"), *(config.ROOT / "app_pages").glob("*.py"), config.ROOT / "app.py"]


def tree(path: Path) -> ast.Module:
    return ast.parse(path.read_text(encoding="utf-8"))


def imports(node: ast.AST) -> list[str]:
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    if isinstance(node, ast.ImportFrom) and node.module:
        return [node.module, *(f"{node.module}.{alias.name}" for alias in node.names)]
    return []


def where(path: Path, node: ast.expr | ast.stmt) -> str:
    return f"{path.relative_to(config.ROOT)}:{node.lineno}"


def test_streamlit_caches_are_made_only_by_the_gateway() -> None:
    offenders = [
        where(path, node)
        for path in app_files()
        if path != GATEWAY
        for node in ast.walk(tree(path))
        if isinstance(node, ast.Attribute)
        and node.attr in {"cache_data", "cache_resource"}
        and isinstance(node.value, ast.Name)
        and node.value.id in {"st", "streamlit"}
    ]
    assert not offenders, f"Cache through trafford_dash.store.cached, not Streamlit directly: {offenders}"


def test_the_values_store_is_read_only_by_the_store_and_the_build() -> None:
    offenders = [
        where(path, node)
        for path in app_files()
        if path != COMMAND_LINE and not any(path.is_relative_to(folder) for folder in (*READERS, API))
        for node in ast.walk(tree(path))
        if isinstance(node, ast.Call)
        and (
            (isinstance(node.func, ast.Attribute) and node.func.attr == "load_values")
            or (isinstance(node.func, ast.Name) and node.func.id == "load_values")
        )
    ]
    assert not offenders, f"Read values through trafford_dash.store.cached: {offenders}"


def test_pages_never_import_the_pipeline() -> None:
    offenders = [
        where(path, node)
        for path in [*(config.ROOT / "app_pages").glob("*.py"), config.ROOT / "app.py"]
        for node in ast.walk(tree(path))
        if any(name.startswith("trafford_dash.pipeline") for name in imports(node))
    ]
    assert not offenders, f"Pages read the built store, never the pipeline: {offenders}"


def test_the_build_is_loaded_only_when_the_store_is_checked() -> None:
    at_import = [name for node in tree(GATEWAY).body for name in imports(node)]
    assert not [name for name in at_import if name.startswith("trafford_dash.pipeline")]
    shell = {name for node in tree(config.ROOT / "app.py").body for name in imports(node)}
    assert shell <= {
        "streamlit",
        "trafford_dash.core.ui",
        "trafford_dash.core.ui.components",
        "trafford_dash.store",
        "trafford_dash.store.cached",
    }


def test_a_cached_read_is_redone_when_the_store_changes(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []

    @cached.on_store(max_entries=4)
    def read(name: str) -> str:
        calls.append(name)
        return name.upper()

    name = uuid.uuid4().hex
    monkeypatch.setattr(cached, "store_stamp", lambda: "first build")
    assert read(name) == read(name) == name.upper()
    assert calls == [name]
    monkeypatch.setattr(cached, "store_stamp", lambda: "second build")
    assert read(name) == name.upper()
    assert calls == [name, name]


def test_a_plan_read_is_redone_when_a_plan_file_changes(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []

    @cached.on_store(max_entries=4, plan_files=True)
    def read(name: str) -> str:
        calls.append(name)
        return name

    name = uuid.uuid4().hex
    monkeypatch.setattr(cached, "plan_stamp", lambda: "as authored")
    read(name)
    read(name)
    monkeypatch.setattr(cached, "plan_stamp", lambda: "edited")
    read(name)
    assert calls == [name, name]


def test_each_cached_function_keeps_its_own_entries() -> None:
    @cached.on_store(max_entries=4)
    def first(name: str) -> str:
        return f"first {name}"

    @cached.on_store(max_entries=4)
    def second(name: str) -> str:
        return f"second {name}"

    name = uuid.uuid4().hex
    assert (first(name), second(name)) == (f"first {name}", f"second {name}")
