"""Walk a site from a start URL (same-origin links and sitemap.xml) and scan each page with axe."""

from __future__ import annotations

import heapq
import re
import time
import urllib.error
import urllib.request
import xml.etree.ElementTree as ElementTree
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from urllib.parse import parse_qsl, urldefrag, urljoin, urlsplit

from selenium.common.exceptions import WebDriverException

from jobboard.a11y.axe import TAGS, failures, scan
from jobboard.a11y.checks import probe

# Never opened in the browser: feeds, data and assets are not pages.
NOT_PAGES = (".atom", ".rss", ".xml", ".json", ".csv", ".txt", ".pdf", ".zip", ".gz",
             ".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp", ".ico", ".css", ".js",
             ".woff", ".woff2", ".mp3", ".mp4")
HTML_TYPES = ("text/html", "application/xhtml+xml")
PER_SHAPE = 3  # pages with a query string found by links scanned per shape
SITEMAP_LIMIT = 5_000_000  # bytes; a sitemap is small, a runaway response is not read whole
_PAGE_INFO = """
const nav = performance.getEntriesByType('navigation')[0];
return {
  title: document.title,
  lang: document.documentElement.getAttribute('lang') || '',
  type: document.contentType,
  status: nav && nav.responseStatus ? nav.responseStatus : null,
  links: Array.from(document.querySelectorAll('a[href], area[href]'), a => a.href),
};"""


class BadURL(ValueError):
    """The start URL is not an absolute http(s) URL."""


class Unreachable(RuntimeError):
    """The start URL does not answer."""


@dataclass
class PageResult:
    """One scanned page: its axe results, or the error that stopped the scan."""

    url: str
    title: str = ""
    lang: str = ""
    status: int | None = None
    seconds: float = 0.0
    results: dict | None = None
    error: str | None = None

    @property
    def failures(self) -> list[dict]:
        return failures(self.results) if self.results else []

    @property
    def ok(self) -> bool:
        return self.error is None and not self.failures


@dataclass(order=True)
class _Queued:
    """Crawl order: new page shapes first, then nearer, then simpler, then first found."""

    repeats: int
    depth: int
    params: int
    order: int
    url: str = field(compare=False)


def shape(url: str) -> tuple[str, tuple[str, ...]]:
    """Pages of one template share a shape: /en/jobs/a?x=1 -> ("/en/jobs", ("x",))."""
    parts = urlsplit(url)
    names = sorted({name for name, _ in parse_qsl(parts.query, keep_blank_values=True)})
    return parts.path.rstrip("/").rsplit("/", 1)[0], tuple(names)


def start_url(url: str) -> str:
    """Check and normalise the start URL: "http://host:8000" -> "http://host:8000/"."""
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise BadURL(f"not an http(s) URL: {url!r} (example: http://127.0.0.1:8000/)")
    try:
        parts.port  # noqa: B018 - raises ValueError on a bad port
    except ValueError as error:
        raise BadURL(f"bad port in {url!r}: {error}") from None
    return urldefrag(parts._replace(path=parts.path or "/").geturl()).url


def check_reachable(url: str, timeout: float = 10) -> int:
    """HTTP status of url (4xx and 5xx included); Unreachable when nothing answers."""
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code
    except (urllib.error.URLError, OSError) as error:
        reason = getattr(error, "reason", error)
        raise Unreachable(f"cannot reach {url}: {reason}") from None


def origin(url: str) -> tuple[str, str, int | None]:
    parts = urlsplit(url)
    return parts.scheme, (parts.hostname or "").lower(), parts.port


def is_page_link(url: str, site: tuple) -> bool:
    """Same origin, http(s), and not a feed or asset by its extension."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or origin(url) != site:
        return False
    return not parts.path.lower().endswith(NOT_PAGES)


def sitemap_urls(start: str, timeout: float = 10) -> list[str]:
    """<loc> URLs of /sitemap.xml (following one level of sitemap index); [] when absent."""
    def locs(url: str) -> tuple[str, list[str]]:
        try:
            with urllib.request.urlopen(url, timeout=timeout) as response:
                root = ElementTree.fromstring(response.read(SITEMAP_LIMIT))
        except (urllib.error.URLError, OSError, ElementTree.ParseError):
            return "", []
        tag = root.tag.rsplit("}", 1)[-1]
        return tag, [el.text.strip() for el in root.iter() if el.tag.endswith("loc") and el.text]

    kind, found = locs(urljoin(start, "/sitemap.xml"))
    if kind == "sitemapindex":
        return [url for child in found[:20] for url in locs(child)[1]]
    return found


def _wanted(url: str, include: list[re.Pattern]) -> bool:
    if not include:
        return True
    parts = urlsplit(url)
    target = parts.path + (f"?{parts.query}" if parts.query else "")
    return any(pattern.search(target) for pattern in include)


@dataclass
class Found:
    """How many pages a crawl knew of: in the sitemap, and in all (sitemap and links)."""

    sitemap: int = 0
    pages: int = 0


def crawl(driver, start: str, *, langs: tuple[str, ...] = (), max_pages: int | None = None,
          include: tuple[str, ...] = (), tags: tuple[str, ...] = TAGS,
          use_sitemap: bool = True, per_shape: int = PER_SHAPE, found: Found | None = None,
          probes: bool = False,
          progress: Callable[[int, int, PageResult], None] | None = None
          ) -> Iterator[PageResult]:
    """Scan every page of the sitemap (every posting, in both languages), every page found by
    links, but only `per_shape` of each shape with a query string (1,000s of filter
    combinations are a few templates), one of each shape first, up to max_pages (no cap
    when None).

    Only pages whose <html lang> starts with one of langs are scanned (all when empty);
    include patterns (regular expressions on path?query) limit what is followed and
    scanned, except the start page. `found` is filled with the counts of pages known; with
    `probes`, each page is also checked beyond axe (keyboard, reflow, text spacing).
    AxeError (an unknown tag) propagates.
    """
    found = found if found is not None else Found()
    start = start_url(start)
    site = origin(start)
    patterns = [re.compile(p) for p in include]
    queue: list[_Queued] = []
    seen: set[str] = {start}
    shapes: Counter = Counter([shape(start)])

    def push(url: str, depth: int, listed: bool = False) -> None:
        url = urldefrag(url).url
        if url in seen or not is_page_link(url, site) or not _wanted(url, patterns):
            return
        if not listed and urlsplit(url).query and shapes[shape(url)] >= per_shape:
            return  # one more filter combination of a search already sampled
        seen.add(url)
        found.pages = len(seen)
        params = len(parse_qsl(urlsplit(url).query, keep_blank_values=True))
        heapq.heappush(queue, _Queued(shapes[shape(url)], depth, params, len(seen), url))
        shapes[shape(url)] += 1

    heapq.heappush(queue, _Queued(0, 0, 0, 0, start))
    if use_sitemap:
        listed = sitemap_urls(start)
        found.sitemap = len(set(listed))
        for url in listed:
            push(url, 1, listed=True)
    limit = max_pages or 0
    scanned = visited = 0
    done: set[str] = set()
    while queue and (not limit or (scanned < limit and visited < limit * 3)):
        item = heapq.heappop(queue)
        visited += 1
        result = PageResult(item.url)
        began = time.monotonic()
        try:
            driver.get(item.url)
            info = driver.execute_script(_PAGE_INFO)
        except WebDriverException as error:
            result.error = (error.msg or str(error)).strip().splitlines()[0]
            info = None
        if info is not None:
            current = urldefrag(driver.current_url).url
            if current in done or origin(current) != site:
                continue  # a redirect to a page already scanned, or off the site
            done.add(current)
            result.url, result.title, result.lang = current, info["title"], info["lang"]
            result.status = info["status"]
            if info["type"] not in HTML_TYPES:
                continue
            for link in info["links"]:
                push(link, item.depth + 1)
            if langs and result.lang.split("-")[0].lower() not in langs:
                continue
            try:
                result.results = scan(driver, tags)
                if probes:  # beyond axe: keyboard, reflow, text spacing (jobboard/a11y/checks)
                    result.results["violations"] = [*result.results["violations"],
                                                    *probe(driver)]
            except WebDriverException as error:
                result.error = (error.msg or str(error)).strip().splitlines()[0]
        result.seconds = time.monotonic() - began
        scanned += 1
        if progress:
            progress(scanned, limit or len(seen), result)
        yield result
