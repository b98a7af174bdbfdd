"""Full-page screenshots of a built report site, for a person to look at what a reader sees.

    python -m tools.site.screenshots out/site --out out/screenshots [PAGE ...]

Without PAGE: the index, the first page (by name) of every folder of the site — a process, a life event, a
unit, whatever kinds of page the site has — and every other page beside the index (the unit network). Each
is opened in headless Debian chromium at 1280 px wide, as the browser tests open it, and saved whole as
<page path with / as -->.png. `make screenshots` builds the example catalog's site and runs this on it.
"""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

WIDTH, HEIGHT = 1280, 800
FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking")
"""As root without a screen, and without the background connections a closed network refuses."""


def chosen_pages(site: Path) -> list[Path]:
    """The index, the first page of each folder, and the other pages beside the index."""
    pages = [site / "index.html"]
    pages += sorted(path for path in site.glob("*.html") if path.name != "index.html")
    for folder in sorted(path for path in site.iterdir() if path.is_dir()):
        first = min(folder.rglob("*.html"), default=None)
        if first is not None:
            pages.append(first)
    return [page for page in pages if page.is_file()]


def png_name(site: Path, page: Path) -> str:
    return page.relative_to(site).with_suffix(".png").as_posix().replace("/", "--")


def shoot(browser: object, site: Path, pages: list[Path], out: Path) -> list[Path]:
    """Each page as a full-page PNG in `out`, in one tab of `browser` (a Playwright Browser)."""
    out.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(viewport={"width": WIDTH, "height": HEIGHT})  # type: ignore[attr-defined]
    tab = context.new_page()
    written = []
    for page in pages:
        tab.goto(page.resolve().as_uri(), wait_until="load")
        target = out / png_name(site, page)
        tab.screenshot(path=str(target), full_page=True)
        written.append(target)
    context.close()
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", type=Path, help="a folder written by `svcmap report --out`")
    parser.add_argument("pages", nargs="*", type=Path, help="pages of the site to take (default: one of each kind)")
    parser.add_argument("--out", type=Path, required=True, help="where the PNG files go")
    arguments = parser.parse_args(argv)
    site: Path = arguments.site
    if not (site / "index.html").is_file():
        parser.error(f"{site}: no index.html; build the site first with `svcmap report --out {site}`")
    pages = [site / page for page in arguments.pages] or chosen_pages(site)
    missing = [str(page) for page in pages if not page.is_file()]
    if missing:
        parser.error(f"no such page: {', '.join(missing)}")
    executable = shutil.which("chromium") or shutil.which("chromium-browser")
    if executable is None:
        parser.error("chromium is not installed (make chromium installs Debian's package)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=list(FLAGS))
        try:
            for path in shoot(browser, site, pages, arguments.out):
                print(path)
        finally:
            browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
