"""Every URL parameter a page binds, read from the code: the one list the link tests work from.

A widget is bound with ``bind="query-params"`` and a ``key``. The key is read wherever it is written:
a literal, a module constant (``BODY_KEY``, ``spend_view.INTERP_KEY``, ``TOTAL_KEYS[name]``), or a
helper's parameter, followed to the helper's callers (``indicator_select("Indicator", "cmp_ind")``).
A key written any other way is reported as unresolved, so a new parameter cannot slip past the tests.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from trafford_dash.core import config
from trafford_dash.core.plain_text import code_span

PACKAGE = config.ROOT / "trafford_dash"


@dataclass
class Bound:
    """The keys bound in a set of modules, and any ``key=`` expression that could not be read."""

    keys: set[str] = field(default_factory=set)
    unresolved: list[str] = field(default_factory=list)


@cache
def _tree(path: Path) -> ast.Module:
    return ast.parse(path.read_text(encoding="utf-8"))


def module_path(dotted: str) -> Path | None:
    """The file of a ``trafford_dash`` module (``trafford_dash.map.ui`` → ``trafford_dash/map/ui.py``)."""
    base = config.ROOT.joinpath(*dotted.split("."))
    for candidate in (base.with_suffix(".py"), base / "__init__.py"):
        if candidate.is_file():
            return candidate
    return None


def is_ui_module(path: Path) -> bool:
    """Streamlit code: a feature's ``ui`` module or package, or the store's cached reads."""
    parts = path.relative_to(PACKAGE).with_suffix("").parts
    return "ui" in parts or parts == ("store", "cached")


def ui_imports(script: Path, depth: int = 3) -> list[Path]:
    """``script`` and the Streamlit (UI) modules of the package it imports, ``depth`` levels down."""
    found = [script] if script.is_file() else []
    frontier = list(found)
    for _ in range(depth):
        following = []
        for path in frontier:
            for node in ast.walk(_tree(path)):
                if not isinstance(node, ast.ImportFrom) or not (node.module or "").startswith(
                    "trafford_dash"
                ):
                    continue
                candidates = [module_path(f"{node.module}.{alias.name}") for alias in node.names]
                candidates.append(module_path(str(node.module)))
                for module in candidates:
                    if module is not None and is_ui_module(module) and module not in found:
                        found.append(module)
                        following.append(module)
        frontier = following
    return found


def _strings(node: ast.AST) -> list[str] | None:
    """The string(s) a constant expression holds: a literal, or every string in a tuple, list or dict."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, ast.Tuple | ast.List):
        parts = [_strings(item) for item in node.elts]
        return None if any(p is None for p in parts) else [s for p in parts if p for s in p]
    if isinstance(node, ast.Dict):
        return _strings(ast.Tuple(elts=list(node.values)))
    return None


def _constants(path: Path) -> dict[str, list[str]]:
    """Module-level names bound to strings (or tuples, lists and dicts of strings)."""
    out: dict[str, list[str]] = {}
    for node in _tree(path).body:
        if isinstance(node, ast.Assign):
            targets, value = node.targets, node.value
        elif isinstance(node, ast.AnnAssign) and node.value is not None:
            targets, value = [node.target], node.value
        else:
            continue
        for target in targets:
            if isinstance(target, ast.Name) and (found := _strings(value)) is not None:
                out[target.id] = found
            elif isinstance(target, ast.Tuple) and isinstance(value, ast.Tuple):
                for name, item in zip(target.elts, value.elts, strict=False):
                    if isinstance(name, ast.Name) and (found := _strings(item)) is not None:
                        out[name.id] = found
    return out


def _parents(tree: ast.Module) -> dict[ast.AST, ast.AST]:
    return {child: parent for parent in ast.walk(tree) for child in ast.iter_child_nodes(parent)}


def _enclosing_function(node: ast.AST, parents: dict[ast.AST, ast.AST]) -> ast.FunctionDef | None:
    while node in parents:
        node = parents[node]
        if isinstance(node, ast.FunctionDef):
            return node
    return None


def _called_name(call: ast.Call) -> str:
    func = call.func
    return func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""


class _Resolver:
    def __init__(self, modules: list[Path]) -> None:
        self.modules = modules
        self.by_stem = {path.stem: path for path in modules}

    def resolve(self, node: ast.AST, path: Path, parents: dict[ast.AST, ast.AST]) -> list[str] | None:
        if (found := _strings(node)) is not None:
            return found
        if isinstance(node, ast.Subscript):
            return self.resolve(node.value, path, parents)
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
            module = self.by_stem.get(node.value.id)
            return _constants(module).get(node.attr) if module else None
        if not isinstance(node, ast.Name):
            return None
        if node.id in _constants(path):
            return _constants(path)[node.id]
        function = _enclosing_function(node, parents)
        if function is None:
            return None
        parameters = [a.arg for a in function.args.args]
        if node.id not in parameters:
            return None
        return self._passed(function.name, parameters.index(node.id), node.id)

    def _passed(self, function: str, position: int, name: str) -> list[str] | None:
        """Every value the helper ``function``'s callers pass for one parameter."""
        out: list[str] = []
        for path in self.modules:
            tree = _tree(path)
            parents = _parents(tree)
            for call in ast.walk(tree):
                if not isinstance(call, ast.Call) or _called_name(call) != function:
                    continue
                given = {k.arg: k.value for k in call.keywords}
                argument = call.args[position] if position < len(call.args) else given.get(name)
                if argument is None:
                    continue
                found = self.resolve(argument, path, parents)
                if found is None:
                    return None
                out.extend(found)
        return out or None


def bound_params(modules: list[Path]) -> Bound:
    """The keys of every ``bind="query-params"`` call in ``modules``."""
    bound = Bound()
    resolver = _Resolver(modules)
    for path in modules:
        tree = _tree(path)
        parents = _parents(tree)
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            options = {k.arg: k.value for k in node.keywords}
            bind = options.get("bind")
            if not (isinstance(bind, ast.Constant) and bind.value == "query-params"):
                continue
            key = options.get("key")
            found = resolver.resolve(key, path, parents) if key is not None else None
            if found is None:
                where = f"{path.relative_to(config.ROOT)}:{node.lineno}"
                bound.unresolved.append(f"{where} key={ast.unparse(key) if key else '(none)'}")
            else:
                bound.keys.update(found)
    return bound


def page_params(script: Path) -> list[str]:
    """The URL parameters a page binds (its own widgets and those of the UI modules it uses)."""
    return sorted(bound_params(ui_imports(script)).keys)


def every_module() -> list[Path]:
    """The router, every page and every UI module."""
    return [
        config.ROOT / "app.py",
        *sorted((config.ROOT / "app_pages").glob("*.py")),
        *sorted(p for p in PACKAGE.rglob("*.py") if is_ui_module(p)),
    ]


def view_variants(script: Path) -> list[dict[str, str]]:
    """For a page that picks a view from a literal ``VIEWS`` dict with a bound control, one link per view.

    Each view binds its own parameters, so a link test loads the page once per view to reach them all.
    """
    tree = _tree(script)
    views: list[str] = []
    for statement in tree.body:
        if (
            isinstance(statement, ast.Assign)
            and isinstance(statement.value, ast.Dict)
            and any(getattr(target, "id", "") == "VIEWS" for target in statement.targets)
        ):
            views = _strings(ast.Tuple(elts=[k for k in statement.value.keys if k is not None])) or []
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Call) and node.args and "VIEWS" in ast.unparse(node.args[-1])):
            continue
        options = {k.arg: k.value for k in node.keywords}
        key, bind = options.get("key"), options.get("bind")
        if isinstance(bind, ast.Constant) and bind.value == "query-params" and isinstance(key, ast.Constant):
            return [{str(key.value): view} for view in views]
    return []


def names(notices: str, key: str, value: str) -> bool:
    """Whether notice text names the parameter ``key`` and quotes (an excerpt of) ``value`` as code."""
    return f"({code_span(key)}) {code_span(value)}" in notices
