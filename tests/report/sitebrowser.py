"""The report's site opened as a reader opens it: every page in one headless Debian chromium, through Playwright.

One browser and one context for the whole site, a tab per CPU: each page is loaded from file://, and what a reader
would meet is read back — console messages and script errors, requests that failed or left the machine,
every link and image target as the browser resolved it, the ids a #fragment can point at, whether the page
scrolls sideways at 1280 px, the findings of an axe-core scan (npm axe-core from `make js`, injected into every
page), and whether anything a hostile catalog smuggled in ran (a flag its payloads set, a dialog, an element).
Tests assert on the result; nothing here decides what passes.
"""

from __future__ import annotations

import asyncio
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import pytest

from tests import jstools

VIEWPORT = {"width": 1280, "height": 800}
INJECTED = "__svcmapInjected"
"""The global every hostile payload sets (window.__svcmapInjected = 1) if it ever runs."""
TABS = max(2, os.cpu_count() or 1)
"""Pages loaded at once: chromium renders each tab in a process of its own."""
MARKER = "svcmap-injected"
"""The id and class every hostile element carries: if one is in the DOM, markup was not escaped."""

READ = """
() => {
  const root = document.documentElement;
  const targets = [];
  const add = (selector, attribute) => {
    for (const element of root.querySelectorAll(selector)) {
      const url = element[attribute];
      targets.push({ tag: element.tagName.toLowerCase(), attribute, raw: element.getAttribute(attribute),
        url: typeof url === 'string' ? url : (url && url.baseVal) || element.getAttribute(attribute) });
    }
  };
  add('a[href], link[href], area[href]', 'href');
  add('img[src], script[src], iframe[src], source[src]', 'src');
  add('object[data]', 'data');
  const sideways = (element) => element.scrollWidth > element.clientWidth + 1
    && ['auto', 'scroll'].includes(getComputedStyle(element).overflowX);
  return {
    targets,
    images: [...document.images].map((image) => ({ src: image.currentSrc || image.src, complete: image.complete,
      width: image.naturalWidth })),
    ids: [...root.querySelectorAll('[id], a[name]')].map((element) => element.id || element.getAttribute('name')),
    scrollWidth: root.scrollWidth, innerWidth: window.innerWidth,
    scrollers: [...root.querySelectorAll('body *')].filter(sideways).map((element) => `<${element.tagName
      .toLowerCase()} class="${element.className}">: ${element.scrollWidth} px in ${element.clientWidth}`),
    injected: typeof window.__svcmapInjected !== 'undefined',
    shown: root.textContent.includes('__svcmapInjected'),
    markers: root.querySelectorAll('#svcmap-injected, .svcmap-injected').length,
    lang: root.getAttribute('lang'),
  };
}
"""

SCAN = """
async () => {
  const rules = axe._audit.rules.filter((rule) => rule.enabled !== false && !rule.tags.includes('experimental')
    && ['serious', 'critical'].includes(rule.impact)).map((rule) => rule.id);
  const found = await axe.run(document, { runOnly: { type: 'rule', values: rules }, resultTypes: ['violations'],
    preload: false });
  return { rules: rules.length, violations: found.violations.filter((v) => ['serious', 'critical'].includes(v.impact))
    .map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.length,
      target: v.nodes.length ? v.nodes[0].target.join(' ') : '', html: v.nodes.length ? v.nodes[0].html : '' })) };
}
"""
"""axe-core's rules that are on by default and can find something serious or critical (rule.impact is the
most a rule reports; 64 of 90 in 4.14): the others cannot fail the tests, and a third fewer rules is a third
less time a page. `preload: false`: axe would fetch the stylesheet again, which file:// pages refuse."""


@dataclass
class Seen:
    """What the browser showed of one page (an .html page, or an .svg diagram opened on its own)."""

    path: Path
    console: list[str] = field(default_factory=list)
    """Console messages of type error (and warning), with their text."""
    errors: list[str] = field(default_factory=list)
    """Uncaught script errors."""
    failed: list[str] = field(default_factory=list)
    """Requests that failed (a missing stylesheet or image) and requests that left the machine."""
    dialogs: list[str] = field(default_factory=list)
    targets: list[dict[str, Any]] = field(default_factory=list)
    images: list[dict[str, Any]] = field(default_factory=list)
    ids: set[str] = field(default_factory=set)
    scroll_width: int = 0
    inner_width: int = 0
    scrollers: list[str] = field(default_factory=list)
    """Parts of the page that scroll sideways inside it (a diagram in a box narrower than the diagram)."""
    injected: bool = False
    shown: bool = False
    """Whether a payload's text is in the page (as text: the hostile catalog did reach it)."""
    markers: int = 0
    lang: str | None = None
    rules: int = 0
    """How many axe-core rules were run on the page."""
    violations: list[dict[str, Any]] = field(default_factory=list)


def pages_of(site: Path, suffixes: Iterable[str] = (".html",)) -> list[Path]:
    """Every file of the site with one of these suffixes, in a stable order: new pages are covered by themselves."""
    return sorted(path for path in site.rglob("*") if path.suffix in tuple(suffixes) and path.is_file())


def open_pages(pages: Iterable[Path], scan: bool = True) -> dict[Path, Seen]:
    """Every page loaded in headless chromium at 1280×800 (with `scan`, axe-core run on the HTML ones): one
    browser, one context, a few tabs that take the next page as they finish, so a larger site keeps the CPUs busy."""
    async_api = pytest.importorskip("playwright.async_api", reason="Playwright for Python (the test extra)")
    executable = jstools.chromium()
    axe = jstools.package("axe-core") / "axe.min.js" if scan else None
    waiting = list(pages)
    seen = {path: Seen(path) for path in waiting}

    async def run() -> None:
        async with async_api.async_playwright() as playwright:
            browser = await playwright.chromium.launch(executable_path=executable, args=list(jstools.CHROMIUM_FLAGS))
            try:
                context = await browser.new_context(viewport=VIEWPORT)
                if axe is not None:  # in every page as it loads: a tag added afterwards is 0.5 MB sent a page
                    await context.add_init_script(path=str(axe))
                await context.route(lambda url: not url.startswith(("file:", "data:", "about:")), _refuse)
                tabs = [await context.new_page() for _ in range(min(TABS, len(waiting)))]
                await asyncio.gather(*(visit(tab) for tab in tabs))
            finally:
                await browser.close()

    async def visit(tab: Any) -> None:
        current: list[Seen] = []
        tab.on("console", lambda message: _console(current[-1], message))
        tab.on("pageerror", lambda error: current[-1].errors.append(str(error)))
        tab.on("requestfailed", lambda request: current[-1].failed.append(f"{request.url}: {request.failure}"))
        tab.on("dialog", lambda dialog: _dialog(current[-1], dialog))
        while waiting:
            page = seen[waiting.pop()]
            current.append(page)
            await tab.goto(page.path.as_uri(), wait_until="load")
            _read(page, await tab.evaluate(READ))
            if axe is not None and page.path.suffix == ".html":
                scanned = await tab.evaluate(SCAN)
                page.rules, page.violations = scanned["rules"], scanned["violations"]

    asyncio.run(run())
    return seen


async def _refuse(route: Any) -> None:
    """The site is published on intranets and as a CI artefact: nothing may be fetched from elsewhere."""
    await route.abort("blockedbyclient")


def _console(page: Seen, message: Any) -> None:
    if message.type in ("error", "warning"):
        page.console.append(f"{message.type}: {message.text}")


async def _dialog(page: Seen, dialog: Any) -> None:
    page.dialogs.append(f"{dialog.type}: {dialog.message}")
    await dialog.dismiss()


def _read(page: Seen, found: dict[str, Any]) -> None:
    page.targets = found["targets"]
    page.images = found["images"]
    page.ids = set(found["ids"])
    page.scroll_width, page.inner_width, page.scrollers = found["scrollWidth"], found["innerWidth"], found["scrollers"]
    page.injected, page.shown, page.markers = found["injected"], found["shown"], found["markers"]
    page.lang = found["lang"]


def local_file(url: str) -> tuple[Path, str] | None:
    """A file:// URL as (path, fragment); None for any other scheme."""
    parts = urlsplit(url)
    if parts.scheme != "file":
        return None
    return Path(unquote(parts.path)), unquote(parts.fragment)


def broken_targets(seen: dict[Path, Seen], site: Path) -> list[str]:
    """Every link or image target, as the browser resolved it, that is missing, outside the site, or whose
    #fragment names no element of its page; and every target of another scheme than file, http(s) or mailto."""
    problems = []
    root = site.resolve()
    ids = {path.resolve(): page.ids for path, page in seen.items()}
    for path, page in seen.items():
        name = path.relative_to(site).as_posix()
        for target in page.targets:
            url, raw = target["url"], target["raw"]
            scheme = urlsplit(url).scheme
            if scheme in ("http", "https", "mailto"):
                continue
            local = local_file(url)
            if local is None:
                problems.append(f"{name}: <{target['tag']} {target['attribute']}={raw!r}> has scheme {scheme!r}")
                continue
            file, fragment = local
            if not file.resolve().is_relative_to(root):
                problems.append(f"{name}: {raw!r} points outside the site")
            elif not file.is_file():
                problems.append(f"{name}: {raw!r} is missing")
            elif fragment and file.resolve() in ids and fragment not in ids[file.resolve()]:
                problems.append(f"{name}: {raw!r}: {file.name} has no element with id {fragment!r}")
    return problems
