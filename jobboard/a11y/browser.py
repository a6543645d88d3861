"""Start headless Chromium for accessibility checks, offline and with a throwaway profile."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

from selenium import webdriver
from selenium.common.exceptions import WebDriverException
from selenium.webdriver.chrome.service import Service

# Debian's names first; the others cover Ubuntu and Google builds.
BROWSER_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
DRIVER_NAMES = ("chromedriver",)
INSTALL_HINT = "install it with: apt-get install chromium chromium-driver"

# Headless, no sandbox (we run as root in CI), and nothing that phones home.
FLAGS = (
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-default-apps",
    "--disable-extensions",
    "--no-first-run",
    "--no-default-browser-check",
    "--disable-quic",
    "--window-size=1280,1024",
    "--force-device-scale-factor=1",
)


class BrowserMissing(RuntimeError):
    """Chromium or chromedriver cannot be found or started."""


@dataclass(frozen=True)
class BrowserPaths:
    chromium: str
    chromedriver: str


def _which(names: tuple[str, ...], explicit: str | None, what: str) -> str:
    if explicit:
        path = Path(explicit)
        if path.is_file():
            return str(path)
        raise BrowserMissing(f"{what} not found at {explicit}; {INSTALL_HINT}")
    for name in names:
        found = shutil.which(name)
        if found:
            return found
    raise BrowserMissing(f"{what} not found on PATH (looked for {', '.join(names)}); "
                         f"{INSTALL_HINT}")


def find_browser(chromium: str | None = None, chromedriver: str | None = None) -> BrowserPaths:
    """Paths of Chromium and chromedriver, explicit ones checked, else looked up on PATH."""
    return BrowserPaths(_which(BROWSER_NAMES, chromium, "Chromium"),
                        _which(DRIVER_NAMES, chromedriver, "chromedriver"))


def start_chromium(profile_dir: Path, paths: BrowserPaths | None = None,
                   page_load_timeout: float = 30) -> webdriver.Chrome:
    """A headless Chromium with a fresh profile in profile_dir; BrowserMissing if it won't start.

    Both paths are explicit, so Selenium Manager (which downloads drivers) never runs.
    """
    paths = paths or find_browser()
    options = webdriver.ChromeOptions()
    options.binary_location = paths.chromium
    for flag in FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={profile_dir}")
    try:
        driver = webdriver.Chrome(options=options,
                                  service=Service(executable_path=paths.chromedriver))
    except WebDriverException as error:
        message = (error.msg or str(error)).strip().splitlines()[0].split("; For documentation")[0]
        raise BrowserMissing(f"Chromium did not start ({paths.chromium}, "
                             f"{paths.chromedriver}): {message}") from error
    driver.set_page_load_timeout(page_load_timeout)
    driver.set_script_timeout(page_load_timeout)
    return driver


def clear_emulation(driver: webdriver.Chrome) -> None:
    """Undo viewport and media emulation so one test's overrides never leak into the next."""
    driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "", "features": []})
