"""`make build`: a strict build that replaces site/ only when it succeeds.

`mkdocs build` empties the site folder before the hooks run, so a build that
fails leaves half a site, or none. This builds strictly into a fresh folder
beside it (`site.tmp-…`, on the same file system), and only when MkDocs
finishes swaps it in for the old one. On any failure the new folder is
deleted and site/ stays exactly as it was.

MkDocs runs in this process through its own command line, so the log reads
exactly like `mkdocs build`. Whatever else goes wrong ends in one line, not
a traceback.

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
from mkdocs.__main__ import cli
from mkdocs.utils.yaml import yaml_load


def configured_site_dir(config_file: Path) -> Path:
    """The config's site_dir (relative to the config file), or site/ if it cannot be read.

    A config that cannot be read is MkDocs' to report, in its own words.
    """
    try:
        with config_file.open("rb") as file:
            config = yaml_load(file)
        site_dir = config.get("site_dir", "site") if isinstance(config, dict) else "site"
    except Exception:
        site_dir = "site"
    return config_file.parent / str(site_dir)


def build_strictly(config_file: Path, site_dir: Path) -> bool:
    """Run `mkdocs build --strict` into `site_dir`; False if MkDocs stopped it."""
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
    config_file = Path(args.config_file).absolute()
    site_dir = Path(args.site_dir).absolute() if args.site_dir else configured_site_dir(config_file)
    kept = f"the last good site in {_shown(site_dir)} was kept"
    new = None
    try:
        site_dir.parent.mkdir(parents=True, exist_ok=True)
        new = Path(tempfile.mkdtemp(prefix=f"{site_dir.name}.tmp-", dir=site_dir.parent))
        if not build_strictly(config_file, new):
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
