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
search engine needs. `edit_root` is where the repository's editor opens a
project file that MkDocs makes no edit link for (the glossary's).
"""

from __future__ import annotations

import posixpath
from pathlib import Path
from typing import Protocol
from urllib.parse import quote, urljoin, urlsplit


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


def relative_path(path: str, start: str) -> str:
    """`posixpath.relpath(path, start)` for two paths from the same root ('' is
    the root), worked out from the strings alone.

    relpath makes both paths absolute against the working directory, two
    `os.getcwd()` calls for each of the thousands of links a build writes.
    A path with a '.' or '..' part, or only one of the two absolute, is
    left to relpath.
    """
    if _irregular(path) or _irregular(start) or path.startswith("/") != start.startswith("/"):
        return posixpath.relpath(path or ".", start or ".")
    to = [part for part in path.split("/") if part]
    base = [part for part in start.split("/") if part]
    common = 0
    for to_part, base_part in zip(to, base, strict=False):
        if to_part != base_part:
            break
        common += 1
    return "/".join([".."] * (len(base) - common) + to[common:]) or "."


def _irregular(path: str) -> bool:
    """A path that may hold a '.' or '..' part (or a name that starts with a dot)."""
    return path.startswith(".") or "/." in path


def relative_url(from_dir: str, to_url: str) -> str:
    """A URL relative to the folder `from_dir` ('' is the site root), as a browser needs it."""
    relative = relative_path(to_url, from_dir.rstrip("/"))
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
    return relative_path(target.src_uri, posixpath.dirname(page.src_uri)) + fragment


def absolute(site_url: str, url: str) -> str:
    """The full address of a site-relative URL, for feeds and search engines."""
    return urljoin(site_url if site_url.endswith("/") else site_url + "/", url)


def edit_root(docs_dir: Path, project_dir: Path, edit_uri: str | None, repo_url: str | None) -> str:
    """The address that, followed by a file's path from the project folder,
    opens that file in the repository's editor; "" when there is none.

    MkDocs makes a page's edit link from edit_uri, which addresses docs_dir,
    and the page's path in docs_dir; edit_uri taken back from docs_dir to the
    project folder (docs/ → ../) addresses every other file the same way. An
    edit_uri that names the file in a query (`?path=`) can't be extended so,
    and a docs_dir outside the project has no way back: no root then.
    """
    if not edit_uri or "?" in edit_uri or "#" in edit_uri or not docs_dir.is_relative_to(project_dir):
        return ""
    base = urljoin(repo_url or "", edit_uri)
    if urlsplit(base).scheme not in ("http", "https"):
        return ""
    back = posixpath.relpath(".", docs_dir.relative_to(project_dir).as_posix())
    return urljoin(base, back + "/")


def edit_url(root: str, path: str) -> str:
    """The address that edits the project file at `path`, from `edit_root`; "" without one."""
    return root + quote(path) if root else ""
