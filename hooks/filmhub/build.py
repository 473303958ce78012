"""`make build`: a strict build that replaces site/ only when it succeeds.

`mkdocs build` empties the site folder before the hooks run, so a build that
fails leaves half a site, or none. This builds strictly into a fresh folder
beside it (`site.tmp-…`, on the same file system), checks that the new site
has what only the hooks make (filmhub.site_invariants), and only then swaps
it in for the old one. On any failure the new folder is deleted and site/
stays exactly as it was.

The generator (MkDocs, or ProperDocs with HUB_GENERATOR=properdocs; see
filmhub.generator) runs in this process through its own command line, so
the log reads exactly like `mkdocs build`. Whatever else goes wrong ends in
one line, not a traceback.

    python -m filmhub.build [--config-file mkdocs.yml] [--site-dir site]
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
from pathlib import Path

import click

from filmhub import generator, site_invariants


def _configured(config_file: Path, key: str, default: str) -> Path:
    """A folder the config names (relative to the config file), or `default` if it cannot be read.

    A config that cannot be read is MkDocs' to report, in its own words.
    """
    from mkdocs.utils.yaml import yaml_load  # the selected generator's (see main)

    try:
        with config_file.open("rb") as file:
            config = yaml_load(file)
        folder = config.get(key, default) if isinstance(config, dict) else default
    except Exception:
        folder = default
    return config_file.parent / str(folder)


def configured_site_dir(config_file: Path) -> Path:
    """The config's site_dir, or site/."""
    return _configured(config_file, "site_dir", "site")


def broken_invariants(config_file: Path, site: Path) -> list[str]:
    """What the built `site` lacks that the hooks make (docs/ and glossary/ say what must be there)."""
    docs = _configured(config_file, "docs_dir", "docs")
    wanted = site_invariants.expected(docs, config_file.parent / "glossary", docs.name)
    return site_invariants.broken(site, wanted)


def build_strictly(config_file: Path, site_dir: Path) -> bool:
    """Run `mkdocs build --strict` into `site_dir`; False if MkDocs stopped it."""
    from mkdocs.__main__ import cli  # the selected generator's (see main)

    args = ["build", "--strict", "--config-file", str(config_file), "--site-dir", str(site_dir)]
    try:
        cli.main(args=args, standalone_mode=False)
    except click.ClickException as abort:  # MkDocs' Abort, a bad config: shown as `mkdocs build` shows them
        abort.show()
        return False
    return True


def replace_site(new: Path, site_dir: Path) -> None:
    """Put the folder `new` where `site_dir` is, removing the old site once the new one is in."""
    umask = os.umask(0)
    os.umask(umask)
    new.chmod(0o777 & ~umask)  # mkdtemp makes it private; a site is read by a web server
    if not site_dir.exists() and not site_dir.is_symlink():
        new.rename(site_dir)
        return
    retired = Path(tempfile.mkdtemp(prefix=f"{site_dir.name}.old-", dir=site_dir.parent))
    site_dir.rename(retired / site_dir.name)
    try:
        new.rename(site_dir)
    except BaseException:
        (retired / site_dir.name).rename(site_dir)
        raise
    finally:
        shutil.rmtree(retired, ignore_errors=True)


def _shown(path: Path) -> str:
    return f"{os.path.relpath(path)}/" if path.is_relative_to(Path.cwd()) else f"{path}/"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m filmhub.build", description=__doc__.splitlines()[0])
    parser.add_argument("--config-file", default="mkdocs.yml", help="the MkDocs config (default: mkdocs.yml)")
    parser.add_argument("--site-dir", help="where the site goes (default: the config's site_dir)")
    args = parser.parse_args(argv)
    try:
        # Before the first `mkdocs` import: with ProperDocs selected, it answers them.
        generator.activate()
    except generator.UnknownGenerator as error:
        print(error, file=sys.stderr)
        return 2
    config_file = Path(args.config_file).absolute()
    site_dir = Path(args.site_dir).absolute() if args.site_dir else configured_site_dir(config_file)
    kept = f"the last good site in {_shown(site_dir)} was kept"
    new = None
    try:
        site_dir.parent.mkdir(parents=True, exist_ok=True)
        new = Path(tempfile.mkdtemp(prefix=f"{site_dir.name}.tmp-", dir=site_dir.parent))
        if not build_strictly(config_file, new):
            return 1
        broken = broken_invariants(config_file, new)
        if broken:
            shown = _shown(site_dir)
            print("".join(f"{shown}{line}\n" for line in broken), end="", file=sys.stderr)
            print(site_invariants.report(broken, shown, kept), file=sys.stderr)
            return 1
        replace_site(new, site_dir)
        return 0
    except (KeyboardInterrupt, click.exceptions.Abort):
        print(f"the build was interrupted — {kept}.", file=sys.stderr)
        return 130
    except BaseException as error:  # the edge: nothing may end in a traceback
        reason = " ".join(f"{type(error).__name__}: {error}".split()).removesuffix(":")
        print(
            f"the build failed unexpectedly ({reason}) — {kept}. "
            "This is a bug in the hub's build: please report it with the file you changed.",
            file=sys.stderr,
        )
        return 1
    finally:
        if new:
            shutil.rmtree(new, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
