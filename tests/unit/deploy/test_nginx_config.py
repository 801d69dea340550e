"""The nginx configuration ``make serve`` writes: every worker, affinity, websockets, static files."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from deploy import nginx_config, static_files


def test_the_configuration_names_every_worker_and_the_affinity_key(tmp_path: Path) -> None:
    text = nginx_config.render(8501, [9001, 9002, 9003], tmp_path / "static", tmp_path)
    for port in (9001, 9002, 9003):
        assert f"server 127.0.0.1:{port} " in text
    assert "listen 8501;" in text and "hash $worker_key consistent;" in text
    assert "proxy_set_header Upgrade $http_upgrade;" in text and "gzip_static on;" in text
    assert not re.search(r"@(RUN|MIME|SERVERS|PORT|STATIC)@", text)  # every placeholder filled


def test_nginx_accepts_the_configuration(tmp_path: Path) -> None:
    binary = nginx_config.nginx_binary()
    if binary is None:
        pytest.skip("nginx is not installed (make nginx installs Debian's package).")
    static = tmp_path / "static"
    (static / "static").mkdir(parents=True)
    config = nginx_config.write(18501, [19001, 19002], static, tmp_path)
    assert nginx_config.check(binary, config, tmp_path) is None


def test_static_files_are_copied_with_smaller_gzip_copies(tmp_path: Path) -> None:
    root = static_files.prepared(tmp_path)
    scripts = list((root / "static" / "js").glob("*.js"))
    assert scripts and (root / "favicon.png").exists()
    packed = [p for p in scripts if p.with_name(p.name + ".gz").exists()]
    assert len(packed) >= len(scripts) // 2
    biggest = max(packed, key=lambda p: p.stat().st_size)
    assert biggest.with_name(biggest.name + ".gz").stat().st_size < biggest.stat().st_size / 2
    assert static_files.prepared(tmp_path) == root  # reused, not copied again
