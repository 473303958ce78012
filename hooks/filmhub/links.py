"""Links: what a link is, and where it leads on the built site.

A Link is a target as a writer (or a hook) wrote it, on a page, with the line
and column it was written at. `resolve` follows one against a LinkIndex (the
files, and the ids the pages really have after rendering) the way the built
site will, and says why it would break, with a suggestion where one is close.
The whole site's links are checked at once by filmhub.link_report.

How a target resolves depends on where it came from, because MkDocs treats
them differently:

- MARKDOWN links and images are converted by MkDocs: `../x.md#a` is relative
  to the source file and becomes the URL of that page.
- HTML (raw HTML in a page) is left alone by MkDocs, so the browser resolves
  it against the page's published URL.
- READ_NEXT entries and NAV entries are paths from the docs folder.

Everything here is plain data in, plain data out: dictionary look-ups, and a
fuzzy search only for the few links that are broken.
"""

from __future__ import annotations

import difflib
import posixpath
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from urllib.parse import unquote, urlsplit

from filmhub.urls import folder_index, href, page_folder

MARKDOWN, HTML, READ_NEXT, NAV = "markdown", "html", "read_next", "nav"
ALLOWED_SCHEMES = {"http", "https", "mailto", "tel"}
FORBIDDEN_SCHEMES = {"javascript", "vbscript", "data", "file"}
# Attributes through which a page loads a file, rather than links to one.
LOADING_ATTRIBUTES = {"src", "srcset", "poster", "data"}


@dataclass(frozen=True)
class Link:
    source: str  # src_uri of the page it is on, or the config file for NAV
    target: str  # exactly as written
    origin: str = MARKDOWN
    attribute: str = "href"
    line: int = 1
    col: int | None = None
    generated: bool = False  # made by a hook or template, not typed by a writer

    @property
    def loads(self) -> bool:
        return self.attribute in LOADING_ATTRIBUTES


@dataclass(frozen=True)
class SiteFile:
    src_uri: str  # docs-relative: "ethics/disclosure.md", "assets/x.svg"
    url: str  # published URL, site-relative: "ethics/disclosure/", "assets/x.svg"
    is_page: bool
    status: str = "published"  # or "draft", "excluded"


@dataclass
class LinkIndex:
    """What a link can point to: files by source path and by URL, and page ids."""

    files: Iterable[SiteFile]
    ids: dict[str, set[str]] = field(default_factory=dict)  # src_uri -> ids on that page
    site_url: str = ""
    display: Callable[[str], str] = lambda src_uri: f"docs/{src_uri}"
    slugify: Callable[[str], str] = lambda text: re.sub(r"[^\w-]+", "-", text.strip().lower()).strip("-")
    # Pages that moved (filmhub.redirects): old path from docs/ -> new path.
    moved: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.by_src: dict[str, SiteFile] = {}
        self.by_url: dict[str, SiteFile] = {}
        for file in self.files:
            self.by_src[file.src_uri] = file
            url = unquote(file.url)  # MkDocs percent-encodes; links are compared decoded
            self.by_url[url] = file
            if file.is_page and (url.endswith("/") or not url):
                self.by_url[url + "index.html"] = file
        self._folded = {src.casefold(): src for src in self.by_src}
        split = urlsplit(self.site_url)
        self.origin = f"{split.scheme}://{split.netloc}".lower() if split.netloc else ""
        self.base_path = split.path if split.path.endswith("/") else split.path + "/"

    def page_of_url(self, url_path: str) -> SiteFile | None:
        """The file published at a site-relative URL path ('' is the home page)."""
        return self.by_url.get(url_path)

    def folded(self, src_uri: str) -> str:
        """The real spelling of a path written in another case, or ''."""
        return self._folded.get(src_uri.casefold(), "")


@dataclass(frozen=True)
class Resolved:
    """Where a link leads: a file (and anchor), an external address, or a problem."""

    file: SiteFile | None = None
    anchor: str = ""
    external: str = ""
    why: str = ""
    suggestion: str = ""
    # A rule the page's HTML allow-list also enforces (a scheme, a file from
    # another host): for links typed in a page, that check reports it, at the
    # line and column the writer typed it, and this one stays quiet.
    policy: bool = False


# --- Resolving ----------------------------------------------------------------


def resolve(link: Link, index: LinkIndex) -> Resolved:
    """Resolve one link; `why` is set when it would break."""
    target = link.target.strip()
    if not target:
        return Resolved(why="the link has no target — add the page or address it should open")
    parts = urlsplit(target)
    scheme = parts.scheme.lower()
    if scheme and len(scheme) > 1:
        return _resolve_scheme(link, index, scheme, parts)
    if scheme or target.startswith("\\"):
        return Resolved(
            why="it is a path on someone's computer — put the file in docs/ and link it relatively"
        )
    if parts.netloc:
        return Resolved(why=f"protocol-relative links are not allowed — write 'https:{target}'", policy=True)
    if target.startswith("/"):
        return _same_site(
            link,
            index,
            parts.path,
            parts.fragment,
            "absolute links break when the site is not served from the domain root — use a relative link",
        )
    page = index.by_src.get(link.source) if link.origin not in (READ_NEXT, NAV) else None
    if not parts.path:
        if page is None:
            return Resolved(why="it has no page to point at — add the page's path before '#'")
        return _check_anchor(link, index, page, parts.fragment)
    if link.origin == HTML:
        return _resolve_url(link, index, parts.path, parts.fragment)
    return _resolve_source(link, index, parts.path, parts.fragment)


def _resolve_scheme(link: Link, index: LinkIndex, scheme: str, parts) -> Resolved:
    if scheme in FORBIDDEN_SCHEMES:
        return Resolved(
            why=f"'{scheme}:' links are not allowed — link to a page or an https:// address", policy=True
        )
    if scheme not in ALLOWED_SCHEMES:
        return Resolved(
            why=f"'{scheme}:' links are not supported — use https://, mailto: or tel:", policy=True
        )
    if scheme in ("mailto", "tel"):
        if not parts.path:
            return Resolved(why=f"the '{scheme}:' link has no address after the colon")
        return Resolved(external=link.target)
    if not parts.netloc:
        return Resolved(why="the address has no host — write it as https://example.org/…")
    origin = f"{scheme}://{parts.netloc}".lower()
    if index.origin and origin == index.origin:
        path = parts.path or "/"
        return _same_site(
            link,
            index,
            path,
            parts.fragment,
            "links within this site must be relative so they work in previews and on any host",
        )
    if link.loads:
        return Resolved(
            why="the page would load a file from another host — save the file in docs/assets/ and link it relatively",
            policy=True,
        )
    return Resolved(external=link.target)


def _same_site(link: Link, index: LinkIndex, path: str, fragment: str, why: str) -> Resolved:
    """An absolute path or full URL into this site: suggest the relative link."""
    site_path = unquote(path)
    if site_path.startswith(index.base_path):
        site_path = site_path[len(index.base_path) :]
    else:
        site_path = site_path.lstrip("/")
    file = index.page_of_url(site_path) or index.by_src.get(site_path)
    suggestion = _express(link, index, file, fragment) if file else ""
    return Resolved(why=why, suggestion=suggestion)


def _resolve_source(link: Link, index: LinkIndex, path: str, fragment: str) -> Resolved:
    base = posixpath.dirname(link.source) if link.origin == MARKDOWN else ""
    resolved = posixpath.normpath(posixpath.join(base, unquote(path)))
    if resolved == ".." or resolved.startswith("../"):
        return Resolved(why="it points outside docs/")
    file = index.by_src.get(resolved)
    if file is None and path.endswith("/"):
        # A folder: filmhub.link_collector points the link at its index page.
        file = index.by_src.get(posixpath.normpath(posixpath.join(base, folder_index(unquote(path)))))
        if file is None:
            return Resolved(
                why=f"{index.display(resolved)}/ has no index.md",
                suggestion=_suggest_missing(link, index, resolved, fragment),
            )
    if file is None and index.moved.get(resolved) in index.by_src:
        new = index.by_src[index.moved[resolved]]
        return Resolved(
            why=f"{index.display(resolved)} has moved to {index.display(new.src_uri)} — link to its new path",
            suggestion=_express(link, index, new, fragment),
        )
    if file is None:
        return Resolved(
            why=f"{index.display(resolved)} does not exist",
            suggestion=_suggest_missing(link, index, resolved, fragment),
        )
    return _check_file(link, index, file, fragment)


def _resolve_url(link: Link, index: LinkIndex, path: str, fragment: str) -> Resolved:
    joined = posixpath.normpath(posixpath.join(page_folder(index.by_src[link.source].url), unquote(path)))
    if joined == ".":
        joined = ""
    elif path.endswith("/"):
        joined += "/"
    if joined == ".." or joined.startswith("../"):
        return Resolved(why="it points outside the site")
    file = index.page_of_url(joined)
    if file is None:
        source_file = index.by_src.get(
            posixpath.normpath(posixpath.join(posixpath.dirname(link.source), unquote(path)))
        )
        if source_file is not None:
            return Resolved(
                why="MkDocs converts .md links only in Markdown, not in raw HTML — link to the published address",
                suggestion=_express(link, index, source_file, fragment),
            )
        return Resolved(
            why=f"nothing is published at '{joined}'",
            suggestion=_suggest_missing(link, index, joined, fragment),
        )
    return _check_file(link, index, file, fragment)


def _check_file(link: Link, index: LinkIndex, file: SiteFile, fragment: str) -> Resolved:
    if file.status == "draft":
        return Resolved(
            why=f"{index.display(file.src_uri)} is a draft and is not published — link to it once it is"
        )
    if file.status == "excluded":
        return Resolved(why=f"{index.display(file.src_uri)} is excluded from the site")
    if not file.is_page:
        return Resolved(file=file)
    return _check_anchor(link, index, file, fragment)


def _check_anchor(link: Link, index: LinkIndex, page: SiteFile, fragment: str) -> Resolved:
    anchor = unquote(fragment)
    if not fragment:
        if link.target.endswith("#"):
            return Resolved(
                file=page, why="the anchor after '#' is empty — name a heading's id or remove the '#'"
            )
        return Resolved(file=page)
    ids = index.ids.get(page.src_uri, set())
    if anchor in ids:
        return Resolved(file=page, anchor=anchor)
    where = (
        "this page has"
        if page.src_uri == link.source and link.origin != READ_NEXT
        else f"{index.display(page.src_uri)} has"
    )
    close = _closest_id(anchor, ids, index.slugify)
    return Resolved(
        file=page,
        why=f"{where} no heading or id '{anchor}'",
        suggestion=_express(link, index, page, close) if close else "",
    )


def _closest_id(anchor: str, ids: set[str], slugify: Callable[[str], str]) -> str:
    """The id a writer most likely meant: the heading's slug, or a near spelling."""
    for candidate in (slugify(anchor), anchor.lower(), anchor.replace(" ", "-").lower()):
        if candidate in ids:
            return candidate
    close = difflib.get_close_matches(anchor.lower(), sorted(ids), n=1, cutoff=0.6)
    return close[0] if close else ""


def _suggest_missing(link: Link, index: LinkIndex, missing: str, fragment: str) -> str:
    """The file the writer probably meant: other case, missing .md, near spelling."""
    stem = missing.rstrip("/")
    if link.origin == HTML:
        file = index.page_of_url(stem + "/")
        if file is None:
            best = _closest_path(missing, [url for url in index.by_url if not url.endswith("index.html")])
            file = index.by_url[best] if best else None
        return _express(link, index, file, fragment) if file else ""
    for candidate in (
        index.folded(stem),
        stem + ".md",
        posixpath.splitext(stem)[0] + ".md",
        folder_index(stem + "/"),
    ):
        if candidate in index.by_src:
            return _express(link, index, index.by_src[candidate], fragment)
    wants_page = stem.endswith(".md") or not posixpath.splitext(stem)[1]
    pool = [src for src, f in index.by_src.items() if f.status == "published" and f.is_page == wants_page]
    best = _closest_path(stem if posixpath.splitext(stem)[1] else stem + ".md", pool)
    return _express(link, index, index.by_src[best], fragment) if best else ""


def _closest_path(wanted: str, pool: list[str]) -> str:
    """A near spelling of the file name, preferring the same folder; or the same
    name in another folder when only one page has it."""
    folder, name = posixpath.split(wanted.rstrip("/"))
    stem = posixpath.splitext(name)[0]  # a shared ".md" would make any two names look alike
    scored = []
    for candidate in pool:
        candidate_folder, candidate_name = posixpath.split(candidate.rstrip("/"))
        score = difflib.SequenceMatcher(None, stem, posixpath.splitext(candidate_name)[0]).ratio()
        score += 0.05 if candidate_folder == folder else 0
        scored.append((score, candidate))
    scored.sort(key=lambda pair: (-pair[0], pair[1]))
    if scored and scored[0][0] >= 0.8:
        return scored[0][1]
    same_name = [candidate for candidate in pool if posixpath.basename(candidate.rstrip("/")) == name]
    return same_name[0] if len(same_name) == 1 else ""


def _express(link: Link, index: LinkIndex, file: SiteFile, fragment: str) -> str:
    """Write a link to `file` the way this kind of link is written."""
    if link.origin in (READ_NEXT, NAV):
        return file.src_uri + (f"#{fragment}" if fragment else "")
    return href(index.by_src[link.source], file, fragment, markdown=link.origin == MARKDOWN)
