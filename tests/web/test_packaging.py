"""Every template and static file of the web app is shipped in the package (pyproject's package-data), so the
pages work from an installed wheel, on an intranet without internet: no CDN, nothing fetched at run time."""

from __future__ import annotations

import re
import tomllib
from fnmatch import fnmatch
from pathlib import Path

ROOT = Path(__file__).parents[2]
WEB = ROOT / "xladdin" / "web"


def test_package_data_covers_every_web_file():
    patterns = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]["package-data"]["xladdin.web"]
    files = [p.relative_to(WEB).as_posix() for folder in ("templates", "static") for p in (WEB / folder).rglob("*") if p.is_file()]
    assert files
    assert [f for f in files if not any(fnmatch(f, pat) for pat in patterns)] == []


def test_pages_load_nothing_from_elsewhere():
    for path in [*(WEB / "templates").glob("*.html"), *(WEB / "static").glob("*")]:
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", text), path
        assert "@import" not in text and "url(http" not in text, path
