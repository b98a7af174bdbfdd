"""Where the tests find the JavaScript tools of `make js` (tools/js/node_modules) and Debian's chromium.

A test that needs one asks here; where the tool is missing (npm or chromium could not be installed on
this machine), the test is skipped with the reason, never passed silently.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

NODE_MODULES = Path(__file__).parents[1] / "tools" / "js" / "node_modules"
CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)
"""How a test starts Chromium here: as root (no sandbox), without a screen, and without the background
connections this machine's closed network refuses."""


def node() -> str:
    """The `node` executable, or the test is skipped."""
    found = shutil.which("node")
    if found is None:
        pytest.skip("node is not installed (make js installs Debian's nodejs where it is missing)")
    return found


def package(name: str) -> Path:
    """The folder of an npm package installed by `make js`, or the test is skipped."""
    folder = NODE_MODULES / name
    if not (folder / "package.json").is_file():
        pytest.skip(f"npm package {name} is not installed: run `make js`")
    return folder


def bin_script(name: str) -> Path:
    """An npm package's command (node_modules/.bin/NAME), or the test is skipped."""
    script = NODE_MODULES / ".bin" / name
    if not script.exists():
        pytest.skip(f"{name} is not installed: run `make js`")
    return script


def chromium() -> str:
    """Debian's chromium, or the test is skipped."""
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found is None:
        pytest.skip("chromium is not installed (make chromium installs Debian's package)")
    return found


def puppeteer_config(folder: Path) -> Path:
    """A puppeteer configuration for Mermaid's CLI that starts Debian's chromium with CHROMIUM_FLAGS."""
    config = folder / "puppeteer-config.json"
    config.write_text(json.dumps({"executablePath": chromium(), "args": list(CHROMIUM_FLAGS)}), encoding="utf-8")
    return config
