"""Finding and launching Chromium: one factory for every browser we start.

Discovery order: an explicit path, $CHAT_ARCHIVER_BROWSER, a Chromium that
Playwright installed, then a system Chromium or Chrome. Playwright drives it
through `executable_path`, so a distribution's chromium package works where
`playwright install` cannot download one.
"""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager, contextmanager
from pathlib import Path
from typing import Any

from .errors import BrowserNotFound

ENV_VAR = "CHAT_ARCHIVER_BROWSER"
#: flags for unattended runs: no sandbox (root in containers), no GPU, and no
#: background traffic to Google's services (closed networks refuse it noisily)
HEADLESS_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
_SYSTEM_NAMES = ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome", "msedge"]
_SYSTEM_PATHS = [
    "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
    "/Applications/Chromium.app/Contents/MacOS/Chromium",
    r"C:\Program Files\Google\Chrome\Application\chrome.exe",
    r"C:\Program Files (x86)\Google\Chrome\Application\chrome.exe",
]
INSTALL_HINT = (
    "install Chromium (Debian/Ubuntu: sudo apt-get install chromium; macOS: brew install --cask chromium; "
    "or: python -m playwright install chromium), or pass --browser-path / set CHAT_ARCHIVER_BROWSER"
)


def find_browser(explicit: str | None = None) -> str:
    """The path of the Chromium-family browser to drive.

    Raises BrowserNotFound, saying how to install one, when there is none.
    """
    if explicit:
        return _must_exist(explicit, "--browser-path")
    env = os.environ.get(ENV_VAR)
    if env:
        return _must_exist(env, ENV_VAR)
    bundled = _playwright_chromium()
    if bundled:
        return bundled
    for name in _SYSTEM_NAMES:
        found = shutil.which(name)
        if found:
            return found
    for path in _SYSTEM_PATHS:
        if Path(path).is_file():
            return path
    raise BrowserNotFound(f"no Chromium or Chrome found: {INSTALL_HINT}")


def _must_exist(path: str, where: str) -> str:
    p = Path(path).expanduser()
    if p.is_file() and os.access(p, os.X_OK):
        return str(p)
    found = shutil.which(path)
    if found:
        return found
    raise BrowserNotFound(
        f"{where} names {path}, which is not an executable browser; name a Chromium or Chrome executable, or {INSTALL_HINT}"
    )


def _playwright_chromium() -> str | None:
    """The Chromium `playwright install` put in its cache, if any."""
    root = os.environ.get("PLAYWRIGHT_BROWSERS_PATH")
    if root == "0":
        return None
    if root:
        base = Path(root)
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Caches" / "ms-playwright"
    elif sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA", Path.home())) / "ms-playwright"
    else:
        base = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "ms-playwright"
    if not base.is_dir():
        return None
    patterns = ["chromium-*/chrome-linux*/chrome", "chromium-*/chrome-mac*/Chromium.app/Contents/MacOS/Chromium",
                "chromium-*/chrome-win*/chrome.exe"]
    for pattern in patterns:
        hits = sorted(base.glob(pattern), reverse=True)
        if hits:
            return str(hits[0])
    return None


def launch_args(headless: bool) -> dict[str, Any]:
    """Keyword arguments for Playwright's chromium.launch / launch_persistent_context."""
    args = list(HEADLESS_ARGS) if headless else ["--no-first-run", "--disable-component-update"]
    if not headless and hasattr(os, "geteuid") and os.geteuid() == 0:
        args.append("--no-sandbox")  # Chromium refuses to run as root with its sandbox
    return {"headless": headless, "args": args}


@contextmanager
def browser(headless: bool = True, executable: str | None = None) -> Iterator[Any]:
    """A Playwright Browser on the discovered Chromium, closed on exit."""
    from playwright.sync_api import sync_playwright

    path = find_browser(executable)
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=path, **launch_args(headless))
        try:
            yield b
        finally:
            b.close()


@contextmanager
def persistent_context(profile: str | Path, headless: bool = False, executable: str | None = None) -> Iterator[Any]:
    """A Playwright BrowserContext on a persistent profile (logins survive), closed on exit."""
    from playwright.sync_api import sync_playwright

    path = find_browser(executable)
    Path(profile).mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        ctx = p.chromium.launch_persistent_context(str(profile), executable_path=path, **launch_args(headless))
        try:
            yield ctx
        finally:
            ctx.close()


@asynccontextmanager
async def async_persistent_context(
    profile: str | Path, headless: bool = False, executable: str | None = None, **options: Any
) -> AsyncIterator[Any]:
    """persistent_context for asyncio code (the live collector); `options` go to Playwright."""
    from playwright.async_api import Error as PlaywrightError, async_playwright

    path = find_browser(executable)
    Path(profile).mkdir(parents=True, exist_ok=True)
    async with async_playwright() as p:
        ctx = await p.chromium.launch_persistent_context(
            str(profile), executable_path=path, **launch_args(headless), **options
        )
        try:
            yield ctx
        finally:
            try:
                await ctx.close()
            except PlaywrightError:
                pass  # the person closed the browser first: nothing left to close
