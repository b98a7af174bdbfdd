"""The report's site in a real browser: every page of the example catalog's site, and of a hostile catalog's.

The example site is built once (`svcmap report` on the repo root) and every .html file it wrote is opened in
headless Debian chromium (tests/report/sitebrowser.py): no console or script errors, every local link and
image target there (fragments included), every image loaded, no sideways scrolling at 1280 px, and axe-core
finds nothing serious or critical. The hostile site carries script in every name the catalog has; on every
page and every diagram opened on its own, nothing of it runs and none of it becomes an element.
The pages are found by listing the folder, so a new kind of page is tested without a change here.
"""

from __future__ import annotations

import json
import shutil
import struct
from pathlib import Path

import pytest
from click.testing import CliRunner

from svcmap.cli import main
from tests.conftest import FIXTURES, write_files
from tests.report.sitebrowser import INJECTED, MARKER, Seen, broken_targets, open_pages, pages_of
from tools.site import screenshots

REPO = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz's dot is not installed")

RUN = f"window.{INJECTED}=1"
PAYLOADS = (
    f"<script>{RUN}</script>",
    f'<img src=x id={MARKER} class={MARKER} onerror="{RUN}">',
    f'" autofocus onfocus="{RUN}" x="',
    f"' autofocus onfocus='{RUN}' x='",
    f'"onload="{RUN}',
    f"</style><script>{RUN}</script>",
    f"</title><script>{RUN}</script>",
    f"<svg id={MARKER} onload={RUN}>",
    f"]]><script>{RUN}</script><![CDATA[",
    f"<!-- --><a id={MARKER} href=javascript:{RUN}>x</a>",
    f"javascript:{RUN}",
    "\u202e\u200b\u2028\u0085\u0007\u001b[31m",
)
HOSTILE = " ".join(PAYLOADS)
"""Every payload at once, in every text field of the catalog: markup, attribute breakouts, a closing tag of
each element that holds text in its own way, a javascript: URL, and unicode controls."""
LINK = f'https://example.invalid/"><script>{RUN}</script>'
"""A URL the schema accepts (http(s), no space) that closes its attribute."""


def _site(root: Path, out: Path) -> Path:
    result = CliRunner().invoke(main, ["report", str(root), "--out", str(out)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return out


@pytest.fixture(scope="module")
def example_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _site(REPO, tmp_path_factory.mktemp("example") / "site")


@pytest.fixture(scope="module")
def example(example_site: Path) -> tuple[Path, dict[Path, Seen]]:
    return example_site, open_pages(pages_of(example_site))


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[Path, Seen]]:
    root = tmp_path_factory.mktemp("hostile") / "catalog"
    shutil.copytree(FIXTURES / "minimal", root)
    text = json.dumps(HOSTILE)  # JSON strings are YAML double-quoted scalars
    organisation = (root / "catalog" / "organisation.yaml").read_text(encoding="utf-8")
    for name in ("Gemeente Test", "Onthaal", "Burgerzaken", "Lokale politie", "Verhuizen", "Identiteit", "Nieuw adres"):
        organisation = organisation.replace(f"name: {name}", f"name: {text}")
    process = (root / "processes" / "adreswijziging.yaml").read_text(encoding="utf-8")
    for name in ("Adreswijziging behandelen", "Aangifte", "Woonstcontrole", "Registratie", "Bevestiging"):
        process = process.replace(f"name: {name}", f"name: {text}")
    process = process.replace("when: woonstcontrole positief", f"when: {text}")
    write_files(
        root,
        {
            "catalog/organisation.yaml": organisation,
            "processes/adreswijziging.yaml": process,
            "catalog/products/adreswijziging.yaml": (
                f"id: adreswijziging\nname: {text}\nsummary: {text}\nowner: burgerzaken\nprocess: adreswijziging\n"
                f"channels: [web, counter]\nlegal_basis: [{text}]\nlead_time_days: 5\n"
                f"lpdc:\n  links:\n    - {{title: {text}, url: {json.dumps(LINK)}}}\n"
            ),
        },
    )
    site = _site(root, tmp_path_factory.mktemp("hostile") / "site")
    return site, open_pages(pages_of(site, (".html", ".svg")), scan=False)


def _name(site: Path, path: Path) -> str:
    return path.relative_to(site).as_posix()


def test_every_page_of_the_site_is_opened(example: tuple[Path, dict[Path, Seen]]) -> None:
    site, seen = example
    opened = {_name(site, path) for path in seen}
    processes = {f"processes/{path.stem}.html" for path in (REPO / "processes").glob("*.yaml")}
    assert {"index.html", "network.html"} | processes <= opened


def test_no_console_error_script_error_or_failed_request(example: tuple[Path, dict[Path, Seen]]) -> None:
    site, seen = example
    problems = {
        _name(site, path): page.console + page.errors + page.failed
        for path, page in seen.items()
        if page.console or page.errors or page.failed
    }
    assert problems == {}


def test_every_local_link_and_image_target_exists(example: tuple[Path, dict[Path, Seen]]) -> None:
    site, seen = example
    assert broken_targets(seen, site) == []
    assert sum(len(page.targets) for page in seen.values()) > 2 * len(seen)  # the pages do link


def test_every_image_loaded(example: tuple[Path, dict[Path, Seen]]) -> None:
    site, seen = example
    not_loaded = [
        f"{_name(site, path)}: {image['src']}"
        for path, page in seen.items()
        for image in page.images
        if not image["complete"] or image["width"] <= 0
    ]
    assert not_loaded == []
    assert any(page.images for page in seen.values())


def test_no_page_scrolls_sideways_at_1280_px(example: tuple[Path, dict[Path, Seen]]) -> None:
    """Neither the page nor a part of it (a diagram in a scrolling box is as hard to read as a wide page)."""
    site, seen = example
    wide = {
        _name(site, path): [f"{page.scroll_width} px wide in a {page.inner_width} px window", *page.scrollers]
        for path, page in seen.items()
        if page.scroll_width > page.inner_width or page.scrollers
    }
    assert wide == {}


def test_every_page_says_its_language(example: tuple[Path, dict[Path, Seen]]) -> None:
    site, seen = example
    assert {_name(site, path): page.lang for path, page in seen.items() if not page.lang} == {}


def test_axe_core_finds_nothing_serious_or_critical(example: tuple[Path, dict[Path, Seen]]) -> None:
    site, seen = example
    violations = [
        f"{_name(site, path)}: {v['id']} ({v['impact']}, {v['nodes']} nodes) at {v['target']}: {v['html']}"
        for path, page in seen.items()
        for v in page.violations
    ]
    assert violations == [], "\n".join(violations)
    assert min(page.rules for page in seen.values()) >= 50  # the rules still found after an update of axe-core


def test_nothing_a_hostile_catalog_smuggles_in_runs_on_any_page(hostile: tuple[Path, dict[Path, Seen]]) -> None:
    """Every .html page and every .svg (a reader may open a diagram on its own, where script would run)."""
    site, seen = hostile
    assert any(path.suffix == ".svg" for path in seen) and any(path.suffix == ".html" for path in seen)
    ran = {
        _name(site, path): {
            "ran": page.injected,
            "dialogs": page.dialogs,
            "elements": page.markers,
            "errors": page.console + page.errors + page.failed,
        }
        for path, page in seen.items()
        if page.injected or page.dialogs or page.markers or page.console or page.errors or page.failed
    }
    assert ran == {}
    assert [_name(site, path) for path, page in seen.items() if not page.shown] == []  # as text, everywhere
    assert broken_targets(seen, site) == []  # no javascript: link, no attribute broken out of
    wide = [_name(site, path) for path, page in seen.items() if path.suffix == ".html" and page.scroll_width > 1280]
    assert wide == []  # 40-character words wrap in their cells


def test_the_screenshot_tool_picks_one_page_of_each_kind(example_site: Path) -> None:
    """tools/site/screenshots.py: the index, the pages beside it, the first page of each folder (a new kind
    of page in a folder of its own is taken without a change to the tool)."""
    site = example_site
    chosen = [_name(site, page) for page in screenshots.chosen_pages(site)]
    assert chosen[0] == "index.html" and "network.html" in chosen
    folders = {path.parent for path in site.rglob("*.html")} - {site}
    assert len(chosen) == len(set(chosen)) == len(list(site.glob("*.html"))) + len(folders)
    assert "processes/aanvullende-financiele-steun.html" in chosen


def test_the_screenshot_tool_takes_whole_pages_1280_px_wide(
    hostile: tuple[Path, dict[Path, Seen]], tmp_path: Path
) -> None:
    site, _ = hostile
    assert screenshots.main([str(site), "processes/adreswijziging.html", "--out", str(tmp_path)]) == 0
    assert [path.name for path in tmp_path.iterdir()] == ["processes--adreswijziging.png"]
    header = (tmp_path / "processes--adreswijziging.png").read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", header[16:24])
    assert width == 1280 and height > 800  # the whole page, longer than the window
