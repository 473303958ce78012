"""The preview's memory between rebuilds, so that an unchanged page costs a hash and a look-up.

`make serve` runs `mkdocs serve --dirty` (filmhub.serve): MkDocs then reads
and renders again only the pages whose output is missing or older than their
source. One PreviewCache lives as long as that process: hooks/preview.py
makes it when MkDocs starts serving with dirty rebuilds. `mkdocs build`,
`make build`, `make check` and the tests' builds have none, and do all their
work every time.

Every table is bounded: beyond its limit, the entries used least recently
are forgotten. A forgotten entry only costs work, never correctness: the
page is read, checked or rendered again. The limits are sized for a hub of a
few thousand pages.

- `pages`: the loader's result for each page (filmhub.pages.read_page),
  keyed by the file, the digest of its bytes and the day (some checks depend
  on the date);
- `checks`: the per-page parts of the site-wide checks (Read Next lists, own
  and copied definitions, the content rules, the terms a page uses), keyed
  by the digest of the page's bytes and what else each depends on (the
  glossary's fingerprint, the rules);
- `rendered`: what rendering each page gave (RenderedPage), so a page MkDocs
  skips still takes part in the link check, the backlinks and the report;
- `views`: what each page shows of the others (filmhub.preview.views), keyed
  by every page's face (its address and front matter);
- `scans`: the output guard's findings for each written file, keyed by its bytes;
- `templates`: compiled Jinja templates, which Jinja checks against each
  template's source before using them.
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, Generic, Protocol, TypeVar

import jinja2

from filmhub.links import Link
from filmhub.problems import Problem

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")
_MISSING: Any = object()

PAGE_LIMIT = 5_000  # pages remembered (loader results, renders)
CHECK_LIMIT = 20_000  # per-page check results: a few per page, and older versions
FILE_LIMIT = 10_000  # written files whose scan is remembered
TEMPLATE_LIMIT = 500
VIEW_LIMIT = 2  # the views of the site as it is, and as it was (a title changed, then changed back)


def digest(data: bytes | str) -> str:
    """A short digest of some bytes or text, for keys."""
    if isinstance(data, str):
        data = data.encode("utf-8", "surrogatepass")
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def fingerprint(value: object) -> str:
    """A digest of a value made of plain data (dataclasses, lists, dicts, sets, strings, numbers).

    Equal values get the same fingerprint, in any process: sets are put in
    order first, as their order changes with each process's string hashing
    (filmhub.kept compares fingerprints between builds). A value whose repr
    is not stable (an object printed with its address) only ever misses.
    """
    return digest(repr(_in_order(value)))


def _in_order(value: object) -> object:
    if isinstance(value, (set, frozenset)):
        return ("set", sorted((_in_order(item) for item in value), key=repr))
    if isinstance(value, dict):
        return ("dict", [(_in_order(key), _in_order(item)) for key, item in value.items()])
    if isinstance(value, (list, tuple)):
        return (type(value).__name__, [_in_order(item) for item in value])
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        fields = [(field.name, _in_order(getattr(value, field.name))) for field in dataclasses.fields(value)]
        return (type(value).__qualname__, fields)
    return value


class Reuse(Protocol):
    """Where checks find results worked out before: the preview's PreviewCache,
    or the results the last build kept (filmhub.kept). Each method returns
    what `read`/`compute` would, computing it only when it has no result."""

    def read_page(self, src_uri: str, data: bytes, key: tuple, read: Callable[[], V]) -> V: ...

    def page_check(self, name: str, src_uri: str, key: tuple, compute: Callable[[], V]) -> V: ...

    def scan(self, key: Hashable, compute: Callable[[], V]) -> V: ...


class Recompute:
    """The Reuse with no memory, where everything is worked out each time: a
    build with HUB_CACHE_DIR=off, `make check`, a test."""

    def read_page(self, src_uri: str, data: bytes, key: tuple, read: Callable[[], V]) -> V:
        return read()

    def page_check(self, name: str, src_uri: str, key: tuple, compute: Callable[[], V]) -> V:
        return compute()

    def scan(self, key: Hashable, compute: Callable[[], V]) -> V:
        return compute()


RECOMPUTE = Recompute()


class Bounded(Generic[K, V]):
    """A mapping that keeps at most `limit` entries, forgetting the least recently used."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self._items: OrderedDict[K, V] = OrderedDict()

    def __len__(self) -> int:
        return len(self._items)

    def __contains__(self, key: object) -> bool:
        return key in self._items

    def __iter__(self) -> Iterator[K]:
        """The keys, least recently used first."""
        return iter(self._items)

    def get(self, key: K, default: V | None = None) -> V | None:
        if key not in self._items:
            return default
        self._items.move_to_end(key)
        return self._items[key]

    def __setitem__(self, key: K, value: V) -> None:
        self._items[key] = value
        self._items.move_to_end(key)
        while len(self._items) > self.limit:
            self._items.popitem(last=False)

    def remember(self, key: K, compute: Callable[[], V]) -> V:
        """The value stored under `key`, computed and stored first if there is none."""
        value = self.get(key, _MISSING)
        if value is _MISSING:
            value = self[key] = compute()
        return value

    def prune(self, keep: Callable[[K], bool]) -> list[V]:
        """Forget every entry whose key `keep` refuses; return their values."""
        return [self._items.pop(key) for key in [key for key in self._items if not keep(key)]]


@dataclass(frozen=True)
class RenderedPage:
    """What rendering one page gave, and what its output file shows.

    MkDocs skips a page whose output is newer than its source; the preview
    then adds these facts to the build in its place (hooks/preview.py).
    """

    source: str  # digest of the source it was rendered from
    shows: str  # fingerprint of what it shows of other pages, as the model decides it (filmhub.preview)
    # What on_env decided that it shows: the pages its "Referenced by" lists,
    # and the fingerprint of the problems in its preview box.
    citing: frozenset[str]
    problems: str
    notice: bool  # it shows the preview's notice of pages that lag, true only at that rebuild
    output: str = ""  # the file it was written to
    links: tuple[Link, ...] = ()  # the links its rendering added to the link check
    found: tuple[Problem, ...] = ()  # the problems its rendering found (the HTML allow-list)
    ids: frozenset[str] = frozenset()  # the ids a link can land on (filmhub.link_collector)
    # MkDocs' own: the page's anchors, its links to anchors in other pages
    # (target src_uri, anchor, link as written; None when MkDocs does not
    # check anchors), its title and metadata.
    anchors: frozenset[str] = frozenset()
    anchor_links: tuple[tuple[str, str, str], ...] | None = None
    title: str | None = None
    meta: dict = field(default_factory=dict)


class TemplateBytecode(jinja2.BytecodeCache):
    """Jinja's compiled templates, kept between builds; Jinja compares each
    with its template's source checksum and compiles again when it changed.
    The tests share one between their builds too (tests/sitebuilder.py)."""

    def __init__(self, limit: int) -> None:
        self._code: Bounded[str, bytes] = Bounded(limit)

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        code = self._code.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()


@dataclass
class PreviewCache:
    """Everything the preview remembers between rebuilds; see the module docstring."""

    pages: Bounded = field(default_factory=lambda: Bounded(PAGE_LIMIT))
    checks: Bounded = field(default_factory=lambda: Bounded(CHECK_LIMIT))
    rendered: Bounded[str, RenderedPage] = field(default_factory=lambda: Bounded(PAGE_LIMIT))
    views: Bounded[str, dict[str, str]] = field(default_factory=lambda: Bounded(VIEW_LIMIT))
    scans: Bounded = field(default_factory=lambda: Bounded(FILE_LIMIT))
    templates: jinja2.BytecodeCache = field(default_factory=lambda: TemplateBytecode(TEMPLATE_LIMIT))
    # The digest of each page's bytes when the loader last read it: what
    # the model of the latest build, and so its rendered pages, were made from.
    read: dict[str, str] = field(default_factory=dict)
    # Pages whose output showed older data at the end of the last rebuild
    # (filmhub.preview.lagging): the next rebuild renders them again.
    lagging: set[str] = field(default_factory=set)

    def read_page(self, src_uri: str, data: bytes, key: tuple, read: Callable[[], V]) -> V:
        """The loader's result for a page whose file holds `data`, read once per content.

        `key` holds what else the result depends on (the page's paths, the day).
        """
        source = self.read[src_uri] = digest(data)
        return self.pages.remember((src_uri, source, *key), read)

    def page_check(self, name: str, src_uri: str, key: tuple, compute: Callable[[], V]) -> V:
        """The result of check `name` on a page, computed once per content of
        the page (as the loader last read it) and `key` (what else it depends on)."""
        source = self.read.get(src_uri)
        if source is None:  # not a file the loader read
            return compute()
        return self.checks.remember((name, src_uri, source, *key), compute)

    def scan(self, key: Hashable, compute: Callable[[], V]) -> V:
        """The output guard's findings in a written file, found once per key (its path and bytes)."""
        return self.scans.remember(key, compute)

    def prune(self, src_uris: Iterable[str]) -> list[RenderedPage]:
        """Forget the pages that no longer exist; return their last renders."""
        current = set(src_uris)
        self.pages.prune(lambda key: key[0] in current)
        self.checks.prune(lambda key: key[1] in current)
        self.read = {src: value for src, value in self.read.items() if src in current}
        self.lagging &= current
        return self.rendered.prune(lambda src_uri: src_uri in current)
