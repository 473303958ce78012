"""URLs: how the hub writes every address it makes, from one set of rules.

A page has two addresses: its source path from docs/ (`ethics/consent.md`)
and the URL MkDocs publishes it at, relative to the site root
(`ethics/consent/`, the home page ''). Which one a link needs depends on
who reads it:

- in a page's Markdown, MkDocs turns a `.md` path into the URL (and checks
  it), so a link there is the source path, relative to the page's file;
- in raw HTML and in templates, MkDocs leaves an address as it is, so the
  browser resolves it against the page's URL: a link there is the URL,
  relative to the page's folder;
- a link to a folder means the folder's index page (`ethics/` is
  `ethics/index.md`), as it does on the published site.

`href` writes a link in either form; the glossary's tooltips and definition
blocks, hub lists, Read Next cards, the sidebar and the link check's
suggestions all go through it. `absolute` is the address a feed or a
search engine needs.
"""

from __future__ import annotations

import posixpath
from typing import Protocol
from urllib.parse import urljoin


class Addressed(Protocol):
    """Anything with both addresses: a MkDocs File, a SitePage, a SiteFile."""

    src_uri: str
    url: str


def folder_index(path: str) -> str:
    """The page a path names: a folder ('ethics/', '../') means its index.md."""
    return path + "index.md" if path.endswith("/") else path


def directory_url(src_uri: str) -> str:
    """Where MkDocs publishes a page with directory URLs:
    'ethics/disclosure.md' -> 'ethics/disclosure/'; 'ethics/index.md' -> 'ethics/'."""
    stem = src_uri.removesuffix(".md")
    return "" if stem == "index" else stem.removesuffix("/index") + "/"


def page_folder(url: str) -> str:
    """The folder a browser resolves relative links from, for a page's URL."""
    return url if url.endswith("/") or not url else posixpath.dirname(url) + "/"


def relative_url(from_dir: str, to_url: str) -> str:
    """A URL relative to the folder `from_dir` ('' is the site root), as a browser needs it."""
    relative = posixpath.relpath(to_url or ".", from_dir.rstrip("/") or ".")
    if relative == ".":
        return "./"
    return relative + "/" if (to_url.endswith("/") or not to_url) else relative


def url_from_page(page_url: str, to_url: str) -> str:
    """A link to `to_url` as written on the page published at `page_url`."""
    return relative_url(page_folder(page_url), to_url)


def href(page: Addressed, target: Addressed, anchor: str = "", *, markdown: bool = False) -> str:
    """A link from `page` to `target` (and its `anchor`): the URL for raw HTML
    and templates, or with `markdown` the source path MkDocs converts."""
    fragment = f"#{anchor}" if anchor else ""
    if not markdown:
        return url_from_page(page.url, target.url) + fragment
    if target.src_uri == page.src_uri and anchor:
        return fragment
    return posixpath.relpath(target.src_uri, posixpath.dirname(page.src_uri) or ".") + fragment


def absolute(site_url: str, url: str) -> str:
    """The full address of a site-relative URL, for feeds and search engines."""
    return urljoin(site_url if site_url.endswith("/") else site_url + "/", url)
