"""The layout's rules: Streamlit only in UI code, pages registered, no raw reads from pages."""

from __future__ import annotations

import ast

from tests.link_params import is_ui_module
from trafford_dash.core import config

PACKAGE = config.ROOT / "trafford_dash"


def imported_modules(path: str) -> set[str]:
    tree = ast.parse((config.ROOT / path).read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module.split(".")[0])
    return names


def test_streamlit_is_imported_only_in_ui_code() -> None:
    offenders = [
        str(path.relative_to(config.ROOT))
        for path in PACKAGE.rglob("*.py")
        if not is_ui_module(path) and "streamlit" in imported_modules(str(path.relative_to(config.ROOT)))
    ]
    assert not offenders, f"Streamlit imported outside UI code: {offenders}"


def test_pages_never_read_raw_files() -> None:
    for page in (config.ROOT / "app_pages").glob("*.py"):
        text = page.read_text(encoding="utf-8")
        assert "data/raw" not in text and "read_csv(" not in text, page.name


def test_no_legacy_pages_folder_beside_the_router() -> None:
    # A folder named "pages" beside app.py switches Streamlit to its file-based navigation, which new
    # visitors see for a moment before st.navigation replaces it.
    assert not (config.ROOT / "pages").exists()
    assert (config.ROOT / "app_pages").is_dir()


# Containers' type, for annotations (as Streamlit's own documentation imports it); nothing is patched.
PUBLIC_TYPES = "streamlit.delta_generator"


def test_streamlit_internals_are_never_touched() -> None:
    for path in [*PACKAGE.rglob("*.py"), *(config.ROOT / "app_pages").glob("*.py"), config.ROOT / "app.py"]:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            modules = (
                [node.module or ""]
                if isinstance(node, ast.ImportFrom)
                else [alias.name for alias in node.names]
                if isinstance(node, ast.Import)
                else []
            )
            internal = [
                m
                for m in modules
                if m.startswith("streamlit.") and not m.startswith(("streamlit.testing", PUBLIC_TYPES))
            ]
            assert not internal, f"{path.relative_to(config.ROOT)} imports {internal}"


def test_the_page_icon_is_bundled() -> None:
    # Streamlit draws a Material page icon from fonts.gstatic.com; a bundled file needs no internet.
    router = (config.ROOT / "app.py").read_text(encoding="utf-8")
    assert "page_icon=components.PAGE_ICON" in router
    icon = config.ROOT / "trafford_dash" / "core" / "ui" / "page_icon.svg"
    assert icon.read_text(encoding="utf-8").lstrip().startswith("<svg")


def test_every_download_button_is_the_shared_one() -> None:
    """One helper makes every download button, so all are deferred and none reruns the page."""
    shared = PACKAGE / "core" / "ui" / "components.py"
    scripts = [*PACKAGE.rglob("*.py"), *(config.ROOT / "app_pages").glob("*.py"), config.ROOT / "app.py"]
    offenders = [
        str(path.relative_to(config.ROOT))
        for path in scripts
        if path != shared and "download_button(" in path.read_text(encoding="utf-8")
    ]
    assert not offenders, f"st.download_button called outside components.download: {offenders}"
    calls = [
        node
        for node in ast.walk(ast.parse(shared.read_text(encoding="utf-8")))
        if isinstance(node, ast.Call) and getattr(node.func, "attr", "") == "download_button"
    ]
    assert len(calls) == 1
    options = {keyword.arg: keyword.value for keyword in calls[0].keywords}
    assert isinstance(options["on_click"], ast.Constant) and options["on_click"].value == "ignore"
