"""Check results kept between builds, so that a page nobody changed is not checked again.

The whole-site text checks (a term defined in a page's own words or copied
from the glossary, the content rules, the terms a page uses), the allow-list
on each rendered body and the output guard's scan of every written file
cost the same on every build, although
most pages did not change since the last one. A build (`mkdocs build`,
`make build`) therefore reads the results the last build of the same
project kept, and keeps its own when it ends.

- Only plain data is kept, as JSON, never pickle: problems, the output
  guard's findings, the terms a page uses. A file that is not JSON of that
  shape is ignored whole, and an entry that does not read back as exactly
  such a result is worked out again.
- Each result is keyed by a digest of all it depends on: the page's bytes
  (or the written file's), what else the check is given (the glossary, the
  rules), and the build's context: the source of every hook module, the
  versions of the libraries the checks use, mkdocs.yml and the day. Change
  any of these and the result is computed again.
- Only what this build used is kept, so the file holds one site's worth.
- The file lives outside the project: `$HUB_CACHE_DIR`, else
  `$XDG_CACHE_HOME/filmhub`, else `~/.cache/filmhub`, one file per project
  folder. A pull request can put any file into the project, so results
  found there could say a hostile page had been checked and found clean.
  `HUB_CACHE_DIR=off` keeps nothing and reads nothing.

`make serve` has its own memory between rebuilds (filmhub.preview_cache);
these results are for builds that start a process each time.
"""

from __future__ import annotations

import contextlib
import datetime
import functools
import json
import os
import sys
import tempfile
from collections.abc import Callable, Hashable
from dataclasses import asdict, dataclass, field, fields
from importlib import metadata
from pathlib import Path
from typing import Any, TypeVar

from filmhub.output_scan import Finding
from filmhub.preview_cache import digest, fingerprint
from filmhub.problems import Problem

V = TypeVar("V")

ENVIRONMENT = "HUB_CACHE_DIR"
OFF = "off"
FORMAT = 1
# The libraries whose behaviour the kept checks depend on.
LIBRARIES = ("mkdocs", "mkdocs-material", "pymdown-extensions", "markdown", "selectolax", "pyyaml")
_HOOKS = Path(__file__).resolve().parents[1]  # hooks/, with filmhub/ in it

_PROBLEM_FIELDS = {item.name for item in fields(Problem)}


def _problems_out(problems: list[Problem]) -> list[dict]:
    return [asdict(problem) for problem in problems]


# What each field of a kept problem must be, so a damaged file cannot put
# a value into a problem that sorting or printing it would fail on.
_PROBLEM_TYPES = {
    "path": str,
    "line": int,
    "message": str,
    "col": (int, type(None)),
    "severity": str,
    "kind": str,
    "target": (str, type(None)),
    "suggestion": (str, type(None)),
}


def _problems_in(data: list) -> list[Problem]:
    problems = []
    for item in data:
        if not (
            isinstance(item, dict)
            and set(item) == set(_PROBLEM_TYPES) == _PROBLEM_FIELDS
            and all(isinstance(item[name], kind) for name, kind in _PROBLEM_TYPES.items())
            and not isinstance(item["line"], bool)
        ):
            raise ValueError("not a problem")
        problems.append(Problem(**item))
    return problems


def _strings_in(data: list) -> list[str]:
    if not all(isinstance(item, str) for item in data):
        raise ValueError("not a list of strings")
    return data


def _findings_out(findings: list[Finding]) -> list[list[str]]:
    return [[finding.path, finding.what] for finding in findings]


def _findings_in(data: list) -> list[Finding]:
    if not all(isinstance(pair, list) and len(pair) == 2 for pair in data):
        raise ValueError("not a finding")
    return [Finding(*_strings_in(pair)) for pair in data]


@dataclass(frozen=True)
class _Codec:
    out: Callable[[Any], list]
    into: Callable[[list], Any]


# The page checks whose results are kept (by the name filmhub.pages,
# filmhub.term_use and hooks/safety.py give them), and the output guard's findings.
CODECS = {
    "definitions": _Codec(_problems_out, _problems_in),
    "content rules": _Codec(_problems_out, _problems_in),
    "allow-list": _Codec(_problems_out, _problems_in),
    "terms": _Codec(sorted, lambda data: set(_strings_in(data))),
}
SCANS = _Codec(_findings_out, _findings_in)


@dataclass
class KeptResults:
    """The results of the last build of a project, and those this build uses, to keep."""

    path: Path  # the file they are kept in
    # What the build's context is made of (see the module docstring); its
    # fingerprint is worked out on first use, as a preview never needs it.
    context_of: Callable[[], tuple]
    _earlier: dict[str, list] | None = None  # read on first use
    _used: dict[str, list] = field(default_factory=dict)
    # The digest of each page's bytes, as the loader read it (the key of its checks).
    read: dict[str, str] = field(default_factory=dict)

    def read_page(self, src_uri: str, data: bytes, key: tuple, read: Callable[[], V]) -> V:
        """The loader's result for a page: read every build (it is not plain
        data), noting the digest of its bytes for its checks' keys."""
        self.read[src_uri] = digest(data)
        return read()

    def page_check(self, name: str, src_uri: str, key: tuple, compute: Callable[[], V]) -> V:
        """The result of check `name` on a page, as the last build found it
        if neither the page nor `key` (what else it depends on) changed."""
        codec, source = CODECS.get(name), self.read.get(src_uri)
        if codec is None or source is None:
            return compute()
        return self._remember(codec, (name, src_uri, source, *key), compute)

    def scan(self, key: Hashable, compute: Callable[[], list[Finding]]) -> list[Finding]:
        """The output guard's findings in a written file (`key` holds its path and digest)."""
        return self._remember(SCANS, ("scan", key), compute)

    @functools.cached_property
    def context(self) -> str:
        return fingerprint(self.context_of())

    def _remember(self, codec: _Codec, key: tuple, compute: Callable[[], V]) -> V:
        name = fingerprint((self.context, key))
        data = self._entries().get(name)
        if data is not None:
            with contextlib.suppress(TypeError, ValueError):
                value = codec.into(data)
                self._used[name] = data
                return value
        value = compute()
        self._used[name] = codec.out(value)
        return value

    def _entries(self) -> dict[str, list]:
        if self._earlier is None:
            self._earlier = _read(self.path)
        return self._earlier

    def save(self) -> None:
        """Keep this build's results for the next, replacing the last build's at once.
        A results file that cannot be written only costs the next build the work."""
        if self._used:
            write_json(self.path, {"format": FORMAT, "entries": self._used})


def read_json(path: Path) -> object:
    """What a results file holds, or None when it can't be read as JSON (missing,
    not UTF-8, not JSON, nested too deep): the caller checks its shape."""
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError, RecursionError):
        return None


def write_json(path: Path, data: object) -> None:
    """Replace `path` with `data` as JSON at once, so a reader never meets half a
    file; one that cannot be written is left as it was, with no temporary file."""
    written = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(
            "w", encoding="utf-8", dir=path.parent, prefix=f".{path.stem}-", delete=False
        ) as file:
            written = Path(file.name)
            json.dump(data, file, separators=(",", ":"))
        written.replace(path)
    except OSError:
        if written is not None:
            written.unlink(missing_ok=True)


def _read(path: Path) -> dict[str, list]:
    data = read_json(path)
    if (
        not isinstance(data, dict)
        or data.get("format") != FORMAT
        or not isinstance(data.get("entries"), dict)
    ):
        return {}
    return {name: value for name, value in data["entries"].items() if isinstance(value, list)}


def folder(environ: dict[str, str] | None = None) -> Path | None:
    """Where results are kept, or None when HUB_CACHE_DIR says off."""
    environ = os.environ if environ is None else environ
    chosen = environ.get(ENVIRONMENT, "").strip()
    if chosen.lower() == OFF:
        return None
    if chosen:
        return Path(chosen).expanduser()
    base = environ.get("XDG_CACHE_HOME", "").strip() or str(Path.home() / ".cache")
    return Path(base) / "filmhub"


def for_project(
    project_dir: Path, docs_dir: Path, config_file: Path | None, today: datetime.date
) -> KeptResults | None:
    """The kept results of the project in `project_dir`, or None when they are off."""
    where = folder()
    if where is None:
        return None

    def context() -> tuple:
        config = digest(config_file.read_bytes()) if config_file and config_file.is_file() else ""
        return (FORMAT, code_version(), config, str(docs_dir), today.isoformat())

    return KeptResults(where / f"{digest(str(project_dir))}.json", context)


def code_version() -> str:
    """A digest of every hook module's source and the versions of the libraries the checks use."""
    sources = sorted(_HOOKS.rglob("*.py"))
    parts = [(path.relative_to(_HOOKS).as_posix(), digest(path.read_bytes())) for path in sources]
    versions = []
    for library in LIBRARIES:
        try:
            versions.append((library, metadata.version(library)))
        except metadata.PackageNotFoundError:
            versions.append((library, ""))
    return fingerprint((parts, versions, sys.version))
