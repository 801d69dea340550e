"""Print the layout's measures: top-level entries, module and function sizes, repeated code, engines.

Run ``python -m benchmarks.layout``. The repeated-code count uses the ``duplicates`` command where it is
installed and says so where it is not.
"""

from __future__ import annotations

import ast
import shutil
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "trafford_dash"


def python_files(*tops: Path) -> list[Path]:
    return sorted(p for top in tops for p in ([top] if top.is_file() else top.rglob("*.py")))


def function_sizes(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [
        (node.end_lineno - node.lineno + 1, f"{path.relative_to(ROOT)}:{node.name}")
        for node in ast.walk(tree)
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and node.end_lineno is not None
    ]


def calls(path: Path, dotted: str) -> bool:
    head, attr = dotted.rsplit(".", 1)
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return any(
        isinstance(node, ast.Attribute)
        and node.attr == attr
        and isinstance(node.value, ast.Name)
        and node.value.id == head
        for node in ast.walk(tree)
    )


def duplicate_pairs() -> str:
    if shutil.which("duplicates") is None:
        return "not measured (the duplicates command is not installed here)"
    out = subprocess.run(
        ["duplicates", "--repo", str(ROOT)], capture_output=True, text=True, check=False, cwd=ROOT
    ).stdout
    return out.splitlines()[0] if out else "not measured"


def main() -> None:
    entries = [p.name for p in PACKAGE.iterdir() if p.name != "__pycache__"]
    code = python_files(PACKAGE, ROOT / "app_pages", ROOT / "app.py")
    modules = sorted(((len(p.read_text(encoding="utf-8").splitlines()), p) for p in code), reverse=True)
    functions = sorted((size for p in code for size in function_sizes(p)), reverse=True)
    pages = sorted(
        (len(p.read_text(encoding="utf-8").splitlines()), p.name) for p in (ROOT / "app_pages").glob("*.py")
    )
    engines = [p for p in python_files(PACKAGE) if calls(p, "stats.significance")]
    wrappers = [p for p in python_files(PACKAGE) if calls(p, "st.cache_data")]
    print(f"Top-level entries in trafford_dash/: {len(entries)} ({', '.join(sorted(entries))})")
    print(
        f"Largest module: {modules[0][0]} lines ({modules[0][1].relative_to(ROOT)}); over 350: "
        f"{sum(n > 350 for n, _ in modules)}"
    )
    print(
        f"Largest function: {functions[0][0]} lines ({functions[0][1]}); "
        f"over 60: {sum(n > 60 for n, _ in functions)}"
    )
    print(f"Largest page: {pages[-1][0]} lines ({pages[-1][1]}); over 80: {sum(n > 80 for n, _ in pages)}")
    print(
        f"Modules that apply the significance rule themselves: {len(engines)} "
        f"({', '.join(str(p.relative_to(PACKAGE)) for p in engines)})"
    )
    print(
        f"Modules that define cached reads: {len(wrappers)} "
        f"({', '.join(str(p.relative_to(PACKAGE)) for p in wrappers)})"
    )
    print(f"Repeated code: {duplicate_pairs()}")


if __name__ == "__main__":
    main()
