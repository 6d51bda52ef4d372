"""Deployment: the real site built for a sub-path (SITE_URL=http://127.0.0.1:PORT/briefing/)
and served there by a plain static server works link for link: every page, map, asset,
data file and fragment resolves; the sitemap lists every page; every page links the Atom
feed and carries social metadata; the 404 page works at any depth and its search form
opens the site's search.

The server maps /briefing/ onto the built folder, answers anything missing under it with
404.html (as GitHub Pages and most static hosts do) and anything outside it with a bare
404, so a link that escapes the sub-path fails loudly.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import os
import re
import socket
import subprocess
import sys
import threading
import urllib.error
import urllib.request
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urldefrag, urljoin, urlsplit

import pytest
from playwright.sync_api import Browser, Playwright, sync_playwright

from briefing.options import Options
from briefing.pipeline import check
from briefing.render.feed import ATOM, atom_feed, feed_entries

from .conftest import CHROMIUM as SYSTEM_CHROMIUM
from .conftest import ROOT, launch_chromium

pytestmark = pytest.mark.slow

PREFIX = "/briefing/"
CHROMIUM = SYSTEM_CHROMIUM
NS = {"atom": ATOM, "sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}
LINKING = {"a": "href", "link": "href", "script": "src", "img": "src", "iframe": "src", "form": "action"}
CSS_URL = re.compile(r"url\(\s*['\"]?([^'\")]+)['\"]?\s*\)")


# --- Serving under a sub-path -------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class SubPathHandler(SimpleHTTPRequestHandler):
    """Serves the site folder under PREFIX only, with 404.html for what is missing there."""

    def log_message(self, format: str, *args: object) -> None:
        pass

    def translate_path(self, path: str) -> str:
        if not path.startswith(PREFIX):
            return str(Path(self.directory) / ".outside-the-sub-path" / "missing")
        return super().translate_path("/" + path[len(PREFIX) :])

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        page = Path(self.directory) / "404.html"
        if code != 404 or not self.path.startswith(PREFIX) or not page.is_file():
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


@contextlib.contextmanager
def serve_under_prefix(site: Path, port: int) -> Iterator[str]:
    """Serve a built site at http://127.0.0.1:port/briefing/ for the block; yields that URL."""
    handler = functools.partial(SubPathHandler, directory=str(site))
    server = ThreadingHTTPServer(("127.0.0.1", port), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{port}{PREFIX}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def build_for(url: str, out: Path, root: Path = ROOT) -> None:
    """A strict build of the project in ``root`` for the public address ``url``."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SITE_URL": url}
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(out)],
        cwd=root,
        env=env,
        check=True,
    )


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The real site built for /briefing/ and served there; yields its address."""
    site = tmp_path_factory.mktemp("deployed")
    port = free_port()
    build_for(f"http://127.0.0.1:{port}{PREFIX}", site)
    with serve_under_prefix(site, port) as url:
        yield url


# --- Fetching and parsing -----------------------------------------------------------------


@dataclass
class Response:
    status: int
    kind: str
    body: bytes


@functools.cache
def fetch(url: str) -> Response:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return Response(response.status, response.headers.get_content_type(), response.read())
    except urllib.error.HTTPError as error:
        return Response(error.code, error.headers.get_content_type(), error.read())


class Parsed(HTMLParser):
    """The links, ids and head metadata of an HTML document."""

    def __init__(self) -> None:
        super().__init__()
        self.links: list[tuple[str, str]] = []
        """(tag, URL as written)."""
        self.ids: set[str] = set()
        self.meta: dict[str, str] = {}
        self.alternates: list[dict[str, str]] = []
        self.canonical: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        for name in ("id", "name"):
            if values.get(name) and (name == "id" or tag == "a"):
                self.ids.add(values[name])
        if tag in LINKING and values.get(LINKING[tag]):
            self.links.append((tag, values[LINKING[tag]]))
        if tag == "meta" and "content" in values:
            self.meta[values.get("property") or values.get("name", "")] = values["content"]
        if tag == "link" and values.get("rel") == "alternate":
            self.alternates.append(values)
        if tag == "link" and values.get("rel") == "canonical":
            self.canonical = values.get("href")


def parse(body: bytes) -> Parsed:
    parsed = Parsed()
    parsed.feed(body.decode("utf-8"))
    return parsed


def is_html(response: Response) -> bool:
    return response.kind == "text/html"


def internal(url: str, base: str) -> bool:
    return urlsplit(url).netloc == urlsplit(base).netloc


@dataclass
class Crawl:
    """Everything reachable from the home page, the sitemap and a missing page."""

    pages: dict[str, Parsed] = field(default_factory=dict)
    broken: list[tuple[str, str, str]] = field(default_factory=list)
    """(page, link, problem)."""


def crawl(base: str, starts: list[str]) -> Crawl:
    """Follow every internal link, script, style, image, frame and form action; check
    that each resolves, and that each fragment names an element of its target page."""
    found = Crawl()
    queue = list(starts)
    seen = set(queue)
    fragments: list[tuple[str, str, str]] = []
    while queue:
        url = queue.pop()
        response = fetch(url)
        if is_html(response):
            found.pages[url] = parsed = parse(response.body)
            targets = [link for _, link in parsed.links]
        elif response.kind == "text/css":
            targets = [u for u in CSS_URL.findall(response.body.decode("utf-8")) if not u.startswith("data:")]
        else:
            continue
        for link in targets:
            absolute = urljoin(url, link)
            if urlsplit(absolute).scheme not in ("http", "https") or not internal(absolute, base):
                continue
            target, fragment = urldefrag(absolute)
            status = fetch(target).status
            if status != 200:
                found.broken.append((url, link, f"HTTP {status}"))
            elif fragment:
                fragments.append((url, link, fragment))
            if status == 200 and target not in seen:
                seen.add(target)
                queue.append(target)
    for url, link, fragment in fragments:
        target = urldefrag(urljoin(url, link))[0]
        page = found.pages.get(target)
        if page is not None and fragment not in page.ids:
            found.broken.append((url, link, f"no element with id {fragment!r}"))
    return found


def sitemap(base: str) -> list[str]:
    response = fetch(urljoin(base, "sitemap.xml"))
    assert response.status == 200
    return [loc.text or "" for loc in ET.fromstring(response.body).iterfind("sm:url/sm:loc", NS)]


@pytest.fixture(scope="module")
def crawled(base: str) -> Crawl:
    return crawl(base, [base, *sitemap(base), urljoin(base, "no/such/page/at/depth/")])


# --- Links --------------------------------------------------------------------------------


def test_sub_path_site_has_no_broken_link(base: str, crawled: Crawl) -> None:
    assert crawled.broken == []
    maps = [url for url in crawled.pages if "/maps/" in url]
    assert len(crawled.pages) > 100 and maps, "the crawl should reach every page and every map"
    for path in ("search/search_index.json", "feed.xml", "data/events.geojson", "sitemap.xml.gz"):
        assert fetch(urljoin(base, path)).status == 200, path
    # Nothing is served outside the sub-path: a link that escaped it would have failed.
    assert fetch(urljoin(base, "/index.html")).status == 404


def test_sitemap_lists_every_generated_page(base: str, crawled: Crawl) -> None:
    locs = sitemap(base)
    assert len(locs) == len(set(locs))
    assert all(loc.startswith(base) for loc in locs)
    pages = {url for url in crawled.pages if url.endswith("/") and "/maps/" not in url}
    assert set(locs) == pages - {urljoin(base, "no/such/page/at/depth/")}
    for path in ("", "actors/ttp/", "regions/bannu/", "timeline/", "data/", "sources/", "glossary/"):
        assert urljoin(base, path) in locs, path


def test_every_page_links_the_feed_and_describes_itself(base: str) -> None:
    for loc in sitemap(base):
        page = parse(fetch(loc).body)
        feeds = [a for a in page.alternates if a.get("type") == "application/atom+xml"]
        assert len(feeds) == 1, loc
        assert urljoin(loc, feeds[0]["href"]) == urljoin(base, "feed.xml"), loc
        assert page.canonical == loc
        assert page.meta["og:url"] == loc
        assert page.meta["og:title"] and page.meta["twitter:title"] == page.meta["og:title"], loc
        assert page.meta["og:description"] == page.meta["description"] == page.meta["twitter:description"]
        assert page.meta["twitter:card"] == "summary"
        assert page.meta["og:type"] == ("website" if loc == base else "article")
    ttp = parse(fetch(urljoin(base, "actors/ttp/")).body)
    assert ttp.meta["og:title"] == "Tehreek-e-Taliban Pakistan"


def test_404_page_works_at_any_depth_under_the_sub_path(base: str, crawled: Crawl) -> None:
    for missing in ("nothing-here", "actors/nobody/", "a/b/c/d/e.html"):
        response = fetch(urljoin(base, missing))
        assert response.status == 404
        page = parse(response.body)
        assert b"Page not found" in response.body
        for tag, link in page.links:
            absolute = urljoin(urljoin(base, missing), link)
            if internal(absolute, base):
                assert link.startswith(PREFIX), (tag, link)
                assert fetch(urldefrag(absolute)[0]).status == 200, (tag, link)
        sections = [link for tag, link in page.links if tag == "a" and link.startswith(PREFIX)]
        for section in ("actors/", "regions/", "debates/", "timeline/", "sources/", "data/", "about/"):
            assert PREFIX + section in sections, section
        assert ("form", PREFIX) in page.links, "the search form opens the home page's search"
        assert page.meta["robots"] == "noindex"


# --- Feed ---------------------------------------------------------------------------------


def test_feed_is_atom_with_one_entry_per_source_and_event(base: str) -> None:
    response = fetch(urljoin(base, "feed.xml"))
    assert response.status == 200
    feed = ET.fromstring(response.body)
    assert feed.tag == f"{{{ATOM}}}feed"
    for name in ("id", "title", "updated", "author/atom:name"):
        assert (feed.findtext(f"atom:{name}", namespaces=NS) or "").strip(), name
    self_link = feed.find("atom:link[@rel='self']", NS)
    assert self_link is not None and self_link.get("href") == urljoin(base, "feed.xml")
    briefing = check(ROOT / "content")
    entries = feed.findall("atom:entry", NS)
    assert len(entries) == len(briefing.sources) + len(briefing.events)
    ids = [e.findtext("atom:id", namespaces=NS) or "" for e in entries]
    assert len(set(ids)) == len(ids) and all(i.startswith("urn:uuid:") for i in ids)
    links = []
    for entry in entries:
        for name in ("title", "updated", "summary"):
            assert (entry.findtext(f"atom:{name}", namespaces=NS) or "").strip(), name
        dt.datetime.strptime(entry.findtext("atom:updated", namespaces=NS) or "", "%Y-%m-%dT%H:%M:%SZ")
        alternate = entry.find("atom:link[@rel='alternate']", NS)
        assert alternate is not None
        links.append(alternate.get("href") or "")
    assert {link.split("#")[0] for link in links} >= {
        urljoin(base, f"sources/{s}/") for s in briefing.sources
    }
    assert {link for link in links if "#" in link} == {
        urljoin(base, f"timeline/#{e}") for e in briefing.events
    }
    updated = [e.findtext("atom:updated", namespaces=NS) or "" for e in entries]
    assert feed.findtext("atom:updated", namespaces=NS) == max(updated)


def test_feed_ids_are_stable_wherever_the_site_is_deployed() -> None:
    briefing = check(ROOT / "content")
    here = atom_feed(briefing, Options(site_url="http://127.0.0.1:8000/"))
    there = atom_feed(briefing, Options(site_url="https://example.org/briefing/"))
    ids = [ET.fromstring(f).findall(".//atom:id", NS) for f in (here, there)]
    assert [i.text for i in ids[0]] == [i.text for i in ids[1]]
    assert here != there, "links follow the site's address"
    assert atom_feed(briefing, Options(site_url="http://127.0.0.1:8000/")) == here
    assert [e.id for e in feed_entries(briefing)] == [e.id for e in feed_entries(check(ROOT / "content"))]
    relative = ET.fromstring(atom_feed(briefing, Options()))
    link = relative.find("atom:entry/atom:link[@rel='alternate']", NS)
    assert link is not None and not (link.get("href") or "").startswith("http")


# --- Browser ------------------------------------------------------------------------------


def launch(playwright: Playwright) -> Browser:
    """The system Chromium; fails under CI when it is missing, skips otherwise."""
    browser: Browser = launch_chromium(playwright, CHROMIUM)
    return browser


@pytest.mark.browser
def test_404_search_form_opens_the_search_under_the_sub_path(base: str) -> None:
    with sync_playwright() as playwright:
        browser = launch(playwright)
        page = browser.new_page()
        missing: list[str] = []
        page.on("response", lambda r: missing.append(r.url) if r.status >= 400 else None)
        page.goto(urljoin(base, "regions/atlantis/"))
        assert page.locator("h1").inner_text() == "Page not found"
        assert missing == [urljoin(base, "regions/atlantis/")], "only the page itself is missing"
        page.fill("#not-found-query", "Waziristan")
        page.press("#not-found-query", "Enter")
        page.wait_for_selector(".md-search-result__item", timeout=15000)
        assert urlsplit(page.url).path == PREFIX
        assert page.locator(".md-search-result__item").count() > 0
        browser.close()
